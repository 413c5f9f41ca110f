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
from collections.abc import Callable, Hashable, Iterable, Iterator, Mapping, Sequence

import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components, shortest_path

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
    "NETWORK_INDICES",
    "NULL_INVARIANT",
    "STATISTICS",
    "agency_centrality",
    "brokerage_by_system",
    "brokerage_roles",
    "brokerage_table",
    "network_indices",
    "network_indices_with_null",
    "nodf",
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


def _brandes(A: sp.csr_matrix, sources: np.ndarray) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    r"""Shortest-path counts from ``sources`` in one go (algebraic Brandes, unweighted).

    Breadth-first search from every source at once: the path counts of the
    next level are ``frontier @ A`` on the nodes not reached yet; dependencies
    are accumulated back level by level, :math:`\delta_s(v) = \sum_{w:
    d(s,w) = d(s,v)+1} A_{vw}\, \sigma_{sv}/\sigma_{sw}\,(1 + \delta_s(w))`
    (Brandes 2001, in matrix form). Returns the distances (``-1``
    unreachable), shape (sources, nodes), the dependencies summed over the
    sources (the source itself left out) and the path counts.
    """
    n = A.shape[0]
    k = len(sources)
    dist = np.full((k, n), -1, dtype=np.int64)
    sigma = np.zeros((k, n))
    rows = np.arange(k)
    dist[rows, sources] = 0
    sigma[rows, sources] = 1.0
    frontier = sigma.copy()
    dense = not sp.issparse(A)
    AT = A.T if dense else A.T.tocsr()
    level = 0
    while True:
        reach = frontier @ A if dense else (AT @ frontier.T).T
        new = (reach > 0) & (dist < 0)
        if not new.any():
            break
        level += 1
        dist[new] = level
        sigma[new] = reach[new]
        frontier = np.where(new, reach, 0.0)
    delta = np.zeros((k, n))
    for depth in range(level, 0, -1):
        at = dist == depth
        coef = np.divide(1.0 + delta, sigma, out=np.zeros((k, n)), where=at)
        back = coef @ AT if dense else (A @ coef.T).T
        before = dist == depth - 1
        delta[before] += sigma[before] * back[before]
    delta[rows, sources] = 0.0
    return dist, delta.sum(axis=0), sigma


#: Components up to this many nodes are searched with dense matrices (faster when small).
_DENSE_NODES = 400


def _component_centrality(
    A: sp.csr_matrix | np.ndarray,
    *,
    n_top: int,
    closeness_of: np.ndarray,
    seed: int,
    exact_nodes: int,
    pivots: int,
) -> tuple[np.ndarray, np.ndarray, np.ndarray]:
    """Raw betweenness, closeness sums and reach of each node, one component at a time.

    Components of at most ``exact_nodes`` nodes are exact; a larger one gets
    the Brandes–Pich estimate from ``pivots`` source nodes drawn without
    replacement (seeded), scaled by ``size / pivots``. Returns raw
    (undirected, halved) betweenness, the sum of distances and the number of
    nodes reached (itself included) for each node of ``closeness_of``
    (others 0), and whether each node's betweenness was sampled.
    """
    n = A.shape[0]
    betweenness = np.zeros(n)
    total = np.zeros(n)
    reached = np.zeros(n)
    sampled = np.zeros(n, dtype=bool)
    if n == 0:
        return betweenness, total, reached, sampled
    if n <= min(exact_nodes, _DENSE_NODES):
        # Small: every source at once on the whole graph (no path leaves its component).
        dense = A.toarray() if sp.issparse(A) else np.asarray(A, dtype=float)
        dist, dep, _ = _brandes(dense, np.arange(n))
        return dep / 2.0, np.where(dist > 0, dist, 0).sum(axis=1), (dist >= 0).sum(axis=1), sampled
    _, labels = connected_components(A, directed=False)
    order = np.argsort(labels, kind="stable")
    bounds = np.flatnonzero(np.diff(labels[order])) + 1
    want = np.zeros(n, dtype=bool)
    want[closeness_of] = True
    rng = np.random.default_rng(seed)
    for members in np.split(order, bounds):
        size = len(members)
        if size < 2:
            reached[members] = 1
            continue
        sub = A if size == n else A[members][:, members]
        if size <= _DENSE_NODES:
            sub = sub.toarray() if sp.issparse(sub) else np.asarray(sub)
        elif not sp.issparse(sub):
            sub = sp.csr_matrix(sub)
        if size <= exact_nodes:
            sources = np.arange(size)
            for start in range(0, size, 512):
                chunk = sources[start : start + 512]
                dist, dep, _ = _brandes(sub, chunk)
                betweenness[members] += dep
                total[members[chunk]] = dist.sum(axis=1)
                reached[members[chunk]] = size
        else:
            sampled[members] = True
            chosen = np.sort(rng.choice(size, size=min(pivots, size), replace=False))
            dep = np.zeros(size)
            for start in range(0, len(chosen), 16):  # 16 dense rows per search: bounded memory
                _, part, _ = _brandes(sub, chosen[start : start + 16])
                dep += part
            betweenness[members] += dep * size / len(chosen)
            local = np.flatnonzero(want[members])
            if len(local):
                dist = shortest_path(sub, unweighted=True, indices=local)
                total[members[local]] = dist.sum(axis=1)
                reached[members[local]] = size
    return betweenness / 2.0, total, reached, sampled


def two_mode_centrality(
    G: nx.Graph,
    *,
    nodes: Iterable | None = None,
    seed: int | None = None,
    exact_nodes: int | None = None,
    pivots: int | None = None,
) -> pd.DataFrame:
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

    Shortest paths never leave a connected component, so both are computed
    one component at a time (an algebraic Brandes search from all of a
    component's nodes at once; the normalisation uses the whole graph's
    :math:`n, m`): exact, and linear in the number of components — a corpus
    of many plans costs the sum of its plans. A component with more than
    ``exact_nodes`` nodes (default
    :data:`agencygraph.settings.BETWEENNESS_EXACT_NODES`) gets *sampled*
    betweenness: the Brandes & Pich (2007) estimator from ``pivots``
    source nodes drawn without replacement (seeded; default
    :data:`agencygraph.settings.BETWEENNESS_PIVOTS`), scaled by
    :math:`N_c/k` — unbiased, with a relative standard error of roughly
    :math:`\sqrt{(N_c/k - 1)\,/\,(N_c - 1)}\cdot\mathrm{cv}`, where cv is the
    coefficient of variation of the per-source dependencies (small for hubs,
    large for rarely crossed nodes). Its closeness stays exact, from a search
    from each node asked for. Column ``betweenness_method`` says ``"exact"``
    or ``"sampled"``.

    Parameters
    ----------
    G : networkx.Graph
        Undirected two-mode graph; every node carries ``bipartite`` 0 or 1.
    nodes : iterable, optional
        Report only these nodes (default all). Their closeness needs a
        search from each of them only, which keeps a large component cheap
        when only one side is wanted.
    seed : int, optional
        Seed of the pivots; default :data:`agencygraph.settings.SEED`.
    exact_nodes, pivots : int, optional
        Sampling threshold and number of pivots (see above).

    Returns
    -------
    DataFrame
        Indexed by ``node`` (side 0 first, then side 1, each sorted) with
        float columns ``degree``, ``closeness``, ``betweenness`` and the
        text column ``betweenness_method``.

    References
    ----------
    S. P. Borgatti and M. G. Everett, "Network analysis of 2-mode data",
    Social Networks 19 (1997) 243–269.
    S. P. Borgatti and D. S. Halgin, "Analyzing affiliation networks", in
    The SAGE Handbook of Social Network Analysis (2011) 417–433.
    U. Brandes, "A faster algorithm for betweenness centrality", J. Math.
    Sociol. 25 (2001) 163–177.
    U. Brandes and C. Pich, "Centrality estimation in large networks",
    Int. J. Bifurcation and Chaos 17 (2007) 2303–2318.

    Examples
    --------
    >>> import networkx as nx
    >>> c = two_mode_centrality(nx.davis_southern_women_graph())
    >>> c.loc["E8", ["degree", "closeness", "betweenness"]].round(2).tolist()
    [0.78, 0.85, 0.24]
    """
    top, bottom = _graph_sides(G)
    n, m = len(top), len(bottom)
    every = top + bottom
    side = np.array([0] * n + [1] * m)
    index = {v: i for i, v in enumerate(every)}
    if nodes is None:
        keep = np.arange(n + m)
    else:
        wanted = set(nodes)
        keep = np.array([i for i, v in enumerate(every) if v in wanted], dtype=np.int64)
    pairs = np.array([(index[u], index[v]) for u, v in G.edges() if u != v], dtype=np.int64)
    pairs = pairs.reshape(-1, 2)
    ones = np.ones(2 * len(pairs))
    ends = (np.r_[pairs[:, 0], pairs[:, 1]], np.r_[pairs[:, 1], pairs[:, 0]])
    A = sp.csr_matrix((ones, ends), shape=(n + m, n + m))
    A.data[:] = 1.0  # parallel entries cannot occur in a simple graph; keep it binary anyway
    raw, total, reached, sampled = _component_centrality(
        A,
        n_top=n,
        closeness_of=keep,
        seed=settings.SEED if seed is None else int(seed),
        exact_nodes=settings.BETWEENNESS_EXACT_NODES if exact_nodes is None else int(exact_nodes),
        pivots=settings.BETWEENNESS_PIVOTS if pivots is None else int(pivots),
    )
    other = np.where(side == 0, m, n).astype(float)
    deg = np.array([G.degree(v) for v in every], dtype=float)
    degree = np.divide(deg, other, out=np.zeros_like(deg), where=other > 0)
    scale = np.where(side == 0, m + 2 * (n - 1), n + 2 * (m - 1)).astype(float)
    big = n + m
    share = (reached - 1) / (big - 1) if big > 1 else np.zeros(big)
    closeness = np.divide(scale, total, out=np.zeros(big), where=(total > 0) & (big > 1)) * share
    bmax = np.where(side == 0, _bipartite_betweenness_max(n, m), _bipartite_betweenness_max(m, n))
    betweenness = np.divide(raw, bmax, out=np.zeros_like(raw), where=bmax > 0)
    return pd.DataFrame(
        {
            "degree": degree[keep],
            "closeness": closeness[keep],
            "betweenness": betweenness[keep],
            "betweenness_method": np.where(sampled[keep], "sampled", "exact").astype(object),
        },
        index=pd.Index([every[i] for i in keep], name="node", dtype=object),
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
    seed: int | None = None,
) -> pd.DataFrame:
    r"""Tidy centrality table, one row per agency (``bipartite=0`` node).

    Columns
    -------
    - ``name_zh, name_en, agency_type, system, place``: node attributes
      (empty where absent);
    - ``degree, closeness, betweenness``: two-mode centralities of
      :func:`two_mode_centrality` in the whole graph ``G`` (computed one
      connected component at a time), and ``betweenness_method``:
      ``"exact"``, or ``"sampled"`` in a component over
      :data:`agencygraph.settings.BETWEENNESS_EXACT_NODES` nodes (seeded
      pivots; see :func:`two_mode_centrality` for the error);
    - ``eigenvector``: leading eigenvector of the weighted agency projection
      :math:`W` (:func:`agencygraph.graph.project_agencies`), by power
      iteration on :math:`W + I` from the uniform vector, unit Euclidean norm
      — the value of ``networkx.eigenvector_centrality(P, weight="weight")``;
    - ``pagerank``: ``networkx.pagerank`` of the projection (damping
      ``alpha``, weighted);
    - ``n_lead, n_support``: measures the agency leads / supports (edge
      ``role``; NaN when the graph's edges carry no role);
    - ``lead_role_share`` :math:`= n_{lead} / (n_{lead} + n_{support})`.

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
    seed : int, optional
        Seed of sampled betweenness (default :data:`agencygraph.settings.SEED`).

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
    two_mode = two_mode_centrality(G, nodes=top, seed=seed)
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
            "betweenness_method": two_mode["betweenness_method"].to_numpy(),
            "eigenvector": eig,
            "pagerank": np.array([pr[v] for v in top], dtype=float),
            "n_lead": n_lead,
            "n_support": n_support,
            "lead_role_share": np.divide(
                n_lead, total, out=np.full(len(top), np.nan), where=total > 0
            ),
        },
        index=pd.Index(top, name="agency", dtype=object),
    )


def _pagerank(W: sp.csr_matrix, alpha: float, max_iter: int = 100, tol: float = 1e-6) -> np.ndarray:
    """``networkx.pagerank`` of the weighted undirected graph W (its scipy power iteration)."""
    N = W.shape[0]
    S = np.asarray(W.sum(axis=1)).ravel()
    S[S != 0] = 1.0 / S[S != 0]
    Q = S[:, None] * W if isinstance(W, np.ndarray) else sp.diags(S) @ W
    x = np.repeat(1.0 / N, N)
    p = np.repeat(1.0 / N, N)
    dangling = np.flatnonzero(S == 0)
    for _ in range(max_iter):
        last = x
        x = alpha * (x @ Q + sum(x[dangling]) * p) + (1 - alpha) * p
        if np.absolute(x - last).sum() < N * tol:
            return x
    raise nx.PowerIterationFailedConvergence(max_iter)


def _dense_projection(nz: np.ndarray, projection: str) -> np.ndarray:
    """Symmetric dense agency projection of one 0/1 matrix, the values of ``_project``."""
    if projection not in ("count", "newman"):
        upper = _project(sp.csr_matrix(nz.astype(float)), projection)
        return (upper + upper.T).toarray()
    f = nz.astype(np.float64)
    if projection == "newman":
        size = f.sum(axis=0)
        W = (f * np.divide(1.0, size - 1, out=np.zeros_like(size), where=size > 1)) @ f.T
    else:
        W = f @ f.T
    np.fill_diagonal(W, 0.0)
    return W


def _centrality_of_documents(
    sel: pd.DataFrame,
    mats: Mapping[str, tuple[np.ndarray, list, list]],
    agencies: pd.DataFrame | None,
    *,
    projection: str = "newman",
    alpha: float = 0.85,
    max_iter: int = 10_000,
    tol: float = 1e-10,
    seed: int | None = None,
) -> pd.DataFrame:
    """:func:`agency_centrality` of every document's own graph, without building the graphs.

    ``sel`` is the agency_id selection (``_select``) and ``mats`` its role
    matrices; the table equals concatenating ``agency_centrality`` of
    ``bipartite_graph(assignments, None, agencies, docs=doc)`` with a
    leading ``doc_id`` (to rounding: sums run in another order).
    """
    seed = settings.SEED if seed is None else int(seed)
    exact_nodes = settings.BETWEENNESS_EXACT_NODES
    pivots = settings.BETWEENNESS_PIVOTS
    keys = sel["doc_id"] + "\x1f" + sel["node"]
    raw_name = _mode_by(keys, sel["agency_raw"])
    lookup = None
    if agencies is not None:
        _require(agencies, ("agency_id", "doc_id", "name_zh", "agency_type"), "agencies")
        cols = ("agency_id", "doc_id", "name_zh", "name_en", "agency_type", "system")
        lookup = pd.DataFrame(
            {c: _text(agencies[c]) if c in agencies.columns else "" for c in cols}
        )
        lookup = lookup.drop_duplicates("agency_id").set_index("agency_id")
    parts = []
    for doc, (R, rows, _) in mats.items():
        k, m = R.shape
        nz = R != 0
        A = np.zeros((k + m, k + m))
        A[:k, k:] = nz
        A[k:, :k] = nz.T
        raw, total, reached, sampled = _component_centrality(
            A, n_top=k, closeness_of=np.arange(k), seed=seed, exact_nodes=exact_nodes,
            pivots=pivots,
        )  # fmt: skip
        big = k + m
        degree = nz.sum(axis=1) / m
        share = (reached[:k] - 1) / (big - 1) if big > 1 else np.zeros(k)
        scale = float(m + 2 * (k - 1))
        closeness = np.divide(scale, total[:k], out=np.zeros(k), where=total[:k] > 0) * share
        bmax = _bipartite_betweenness_max(k, m)
        betweenness = raw[:k] / bmax if bmax > 0 else np.zeros(k)
        W = _dense_projection(nz, projection)
        n_lead = (R == 2).sum(axis=1).astype(float)
        n_support = (R == 1).sum(axis=1).astype(float)
        total_roles = n_lead + n_support
        frame = {
            "doc_id": np.full(k, doc, dtype=object),
            "agency": np.asarray(rows, dtype=object),
            "degree": degree,
            "closeness": closeness,
            "betweenness": betweenness,
            "betweenness_method": np.where(sampled[:k], "sampled", "exact").astype(object),
            "eigenvector": _eigenvector(W, max_iter=max_iter, tol=tol),
            "pagerank": _pagerank(W, alpha),
            "n_lead": n_lead,
            "n_support": n_support,
            "lead_role_share": np.divide(
                n_lead, total_roles, out=np.full(k, np.nan), where=total_roles > 0
            ),
        }
        parts.append(frame)
    attrs = ("name_zh", "name_en", "agency_type", "system", "place")
    columns = ["doc_id", "agency", *attrs, "degree", "closeness", "betweenness"]
    columns += ["betweenness_method", "eigenvector", "pagerank", "n_lead", "n_support"]
    columns += ["lead_role_share"]
    if not parts:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    out = pd.DataFrame({c: np.concatenate([part[c] for part in parts]) for c in parts[0]})
    agency = out["agency"].to_numpy(dtype=object)
    doc = out["doc_id"].to_numpy(dtype=object)
    listed = np.zeros(len(out), dtype=bool)
    if lookup is not None:
        listed = lookup.index.get_indexer(agency) >= 0
    found = lookup.reindex(agency[listed]) if lookup is not None else None
    for c in ("name_zh", "name_en", "agency_type", "system"):
        values = np.full(len(out), "", dtype=object)
        if c == "name_zh":
            values[:] = [raw_name.get(f"{d}\x1f{a}", "") for d, a in zip(doc, agency, strict=True)]
        if found is not None:
            values[listed] = found[c].to_numpy(dtype=object)
        out[c] = values
    place = doc.copy()
    if found is not None:
        own = found["doc_id"].to_numpy(dtype=object)
        place[listed] = np.where(own != "", own, doc[listed])
    out["place"] = place
    return out[columns]


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
    counts = _brokerage_counts(A, code, names)
    table = pd.DataFrame(
        {"group": label, **{r: counts[r] for r in BROKERAGE_ROLES}},
        index=pd.Index(nodes, name="agency", dtype=object),
    )
    table["total"] = table[list(BROKERAGE_ROLES)].sum(axis=1).astype(np.int64)
    table["unclassified"] = counts["unclassified"]
    return table


def _brokerage_counts(A: sp.csr_matrix, code: np.ndarray, names: list[str]) -> dict:
    """Role counts of every node of the 0/1 tie matrix A (no self-ties), groups ``names[code]``.

    A block-diagonal A (one block per document) gives each block's counts,
    since no two-path crosses blocks.
    """
    k = A.shape[0]
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
    return counts


def brokerage_table(
    assignments: pd.DataFrame,
    agencies: pd.DataFrame | None = None,
    *,
    docs: str | Iterable[str] | None = None,
    inherited: bool = True,
) -> pd.DataFrame:
    """Brokerage roles of every agency in its document's lead → support network.

    For each document, :func:`brokerage_roles` of
    :func:`agencygraph.graph.lead_support_network` (a tie *i* → *j* when *i*
    leads a measure *j* supports), the groups being the agencies' ``system``
    (party, government, mass_org, …; from ``agencies``). Agencies are
    place-scoped, so documents are separate networks.

    Parameters
    ----------
    assignments : DataFrame
    agencies : DataFrame, optional
        Gives each agency its ``system``; without it every agency is
        ungrouped and all brokered pairs are ``unclassified``.
    docs, inherited
        The selection, as in :func:`agencygraph.graph.bipartite_graph`.

    Returns
    -------
    DataFrame
        ``doc_id, agency, system, coordinator, gatekeeper, representative,
        consultant, liaison, total, unclassified``, one row per agency with a
        selected lead or support, sorted by ``doc_id, agency``.

    Examples
    --------
    >>> import pandas as pd
    >>> a = pd.DataFrame({"doc_id": ["d"] * 4, "measure_id": ["m1", "m1", "m2", "m2"],
    ...     "role": ["lead", "support", "lead", "support"],
    ...     "agency_id": ["d:p", "d:g", "d:g", "d:u"], "agency_type": ["org", "hrss", "hrss",
    ...     "union"], "inherited": [False] * 4, "line": [1, 1, 2, 2]})
    >>> ag = pd.DataFrame({"agency_id": ["d:p", "d:g", "d:u"], "doc_id": ["d"] * 3,
    ...     "name_zh": ["组织部", "人社局", "总工会"], "agency_type": ["org", "hrss", "union"],
    ...     "system": ["party", "government", "mass_org"]})
    >>> brokerage_table(a, ag).loc[:, ["agency", "system", "liaison"]]
      agency      system  liaison
    0    d:g  government        1
    1    d:p       party        0
    2    d:u    mass_org        0
    """
    columns = ["doc_id", "agency", "system", *BROKERAGE_ROLES, "total", "unclassified"]
    sel, _ = _select(assignments, docs=docs, roles=ROLES, inherited=inherited, node="agency_id")
    if sel.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    # All documents at once: agencies are (doc, agency) rows, measures (doc, measure)
    # columns, so the lead → support matrix L Sᵀ is block-diagonal by document.
    sel = sel.sort_values(["doc_id", "node"], kind="mergesort")
    doc = sel["doc_id"].to_numpy(dtype=object)
    node = sel["node"].to_numpy(dtype=object)
    row_start = np.r_[True, (doc[1:] != doc[:-1]) | (node[1:] != node[:-1])]
    row = np.cumsum(row_start) - 1
    col = pd.MultiIndex.from_arrays([doc, sel["measure_id"].to_numpy(dtype=object)])
    col = pd.factorize(col)[0]
    k, m = int(row[-1]) + 1, int(col.max()) + 1
    lead = sel["role"].to_numpy() == "lead"
    L = sp.csr_matrix((np.ones(lead.sum()), (row[lead], col[lead])), shape=(k, m))
    S = sp.csr_matrix((np.ones((~lead).sum()), (row[~lead], col[~lead])), shape=(k, m))
    A = (L @ S.T).tocsr()
    A.setdiag(0)
    A.eliminate_zeros()
    A.data[:] = 1
    A = A.astype(np.int64)
    out = pd.DataFrame({"doc_id": doc[row_start], "agency": node[row_start]})
    system = pd.Series("", index=out.index, dtype=object)
    if agencies is not None:
        _require(agencies, ("agency_id",), "agencies")
        table = pd.DataFrame(
            {
                "agency_id": _text(agencies["agency_id"]),
                "system": _text(agencies["system"]) if "system" in agencies.columns else "",
            }
        ).drop_duplicates("agency_id")
        found = table.set_index("agency_id")["system"].reindex(out["agency"].to_numpy())
        system = pd.Series(found.fillna("").to_numpy(dtype=object), index=out.index)
    names = sorted(set(system))
    code = pd.Index(names).get_indexer(system.to_numpy())
    counts = _brokerage_counts(A, code, names)
    out["system"] = system.to_numpy()
    for r in BROKERAGE_ROLES:
        out[r] = counts[r]
    out["total"] = out[list(BROKERAGE_ROLES)].sum(axis=1).astype(np.int64)
    out["unclassified"] = counts["unclassified"]
    return out[columns].reset_index(drop=True)


def brokerage_by_system(
    assignments: pd.DataFrame,
    agencies: pd.DataFrame | None = None,
    *,
    docs: str | Iterable[str] | None = None,
    inherited: bool = True,
) -> pd.DataFrame:
    """Brokerage in the lead → support network, summed over the agencies of each system.

    The rows of :func:`brokerage_table` grouped by ``doc_id`` and ``system``:
    e.g. how often government bureaus pass on a party department's lead to
    other bureaus (``gatekeeper``) or mass organisations link party and
    government (``liaison``).

    Returns
    -------
    DataFrame
        ``doc_id, system, n_agencies, coordinator, gatekeeper,
        representative, consultant, liaison, total, unclassified``, sorted by
        ``doc_id, system`` (agencies without a system under ``""``).

    Examples
    --------
    >>> import pandas as pd
    >>> a = pd.DataFrame({"doc_id": ["d"] * 4, "measure_id": ["m1", "m1", "m2", "m2"],
    ...     "role": ["lead", "support", "lead", "support"],
    ...     "agency_id": ["d:p", "d:g", "d:g", "d:u"], "agency_type": ["org", "hrss", "hrss",
    ...     "union"], "inherited": [False] * 4, "line": [1, 1, 2, 2]})
    >>> ag = pd.DataFrame({"agency_id": ["d:p", "d:g", "d:u"], "doc_id": ["d"] * 3,
    ...     "name_zh": ["组织部", "人社局", "总工会"], "agency_type": ["org", "hrss", "union"],
    ...     "system": ["party", "government", "mass_org"]})
    >>> brokerage_by_system(a, ag)[["system", "n_agencies", "liaison", "total"]]
           system  n_agencies  liaison  total
    0  government           1        1      1
    1    mass_org           1        0      0
    2       party           1        0      0
    """
    per_agency = brokerage_table(assignments, agencies, docs=docs, inherited=inherited)
    return _by_system(per_agency)


def _by_system(per_agency: pd.DataFrame) -> pd.DataFrame:
    """:func:`brokerage_by_system` from the table of :func:`brokerage_table`."""
    roles = [*BROKERAGE_ROLES, "total", "unclassified"]
    columns = ["doc_id", "system", "n_agencies", *roles]
    if per_agency.empty:
        return pd.DataFrame({c: pd.Series(dtype=object) for c in columns})
    grouped = per_agency.groupby(["doc_id", "system"], sort=True)
    out = grouped[roles].sum().astype(np.int64)
    out.insert(0, "n_agencies", grouped.size().astype(np.int64))
    return out.reset_index()[columns]


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


def _overlap_of_documents(sel: pd.DataFrame) -> pd.DataFrame:
    """:func:`overlap` of each document of a selection, with ``doc_id``, in one sparse product.

    Rows are (doc, agency) and columns (doc, measure), so :math:`BB^T` is
    block-diagonal by document; sorted by ``doc_id, source, target``.
    """
    sel = sel.sort_values(["doc_id", "node"], kind="mergesort")
    doc = sel["doc_id"].to_numpy(dtype=object)
    node = sel["node"].to_numpy(dtype=object)
    start = np.r_[True, (doc[1:] != doc[:-1]) | (node[1:] != node[:-1])] if len(sel) else []
    row = np.cumsum(start) - 1
    col = pd.factorize(pd.MultiIndex.from_arrays([doc, sel["measure_id"].to_numpy(dtype=object)]))[
        0
    ]
    k = int(row[-1]) + 1 if len(sel) else 0
    m = int(col.max()) + 1 if len(sel) else 0
    B = sp.csr_matrix((np.ones(len(sel), dtype=np.int64), (row, col)), shape=(k, m))
    degree = np.asarray(B.sum(axis=1)).ravel()
    C = sp.triu(B @ B.T, k=1).tocoo()
    order = np.lexsort((C.col, C.row))
    i, j, shared = C.row[order], C.col[order], C.data[order].astype(np.int64)
    labels = node[np.asarray(start, dtype=bool)] if len(sel) else np.array([], dtype=object)
    docs = doc[np.asarray(start, dtype=bool)] if len(sel) else np.array([], dtype=object)
    return pd.DataFrame(
        {
            "doc_id": docs[i],
            "source": labels[i],
            "target": labels[j],
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
    of_doc = _doc_positions(_text(assignments["doc_id"]))
    by_id = None
    if agencies is not None:
        by_id = _doc_positions(_text(agencies["agency_id"]))
    empty = np.array([], dtype=np.int64)
    out = {}
    for doc in docs:
        part = assignments.iloc[of_doc.get(doc, empty)]
        table = None
        if by_id is not None:
            ids = set(_text(part["agency_id"]))
            found = [by_id[i] for i in ids if i in by_id]
            rows = np.sort(np.concatenate(found)) if found else empty
            table = agencies.iloc[rows]
        out[doc] = (part, table)
    return out


def _role_matrices_of(
    sel: pd.DataFrame, extra: Mapping[str, set] | None = None
) -> dict[str, tuple[np.ndarray, list, list]]:
    """:func:`role_matrices` of an already selected frame (``_select`` output)."""
    extra = extra or {}
    node = sel["node"].to_numpy(dtype=object)
    measure = sel["measure_id"].to_numpy(dtype=object)
    value = np.where(sel["role"].to_numpy() == "lead", 2, 1).astype(np.int8)
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


# --------------------------------------------------------------------------- network indices

#: Indices of :func:`network_indices` tested by :func:`network_indices_with_null`, in report order.
NETWORK_INDICES: tuple[str, ...] = (
    "density",
    "mean_agency_degree",
    "mean_units_per_measure",
    "lead_top_share",
    "lead_hhi",
    "lead_gini",
    "party_lead_share",
    "union_lead_share",
    "multi_lead_share",
    "n_components",
    "mean_shared",
    "mean_jaccard",
    "projection_density",
    "nodf",
    "modularity",
    "n_communities",
)

#: Indices that the curveball null leaves unchanged (their ``null_sd`` is 0 and ``z`` NaN).
NULL_INVARIANT: tuple[str, ...] = (
    "density",
    "mean_agency_degree",
    "mean_units_per_measure",
    "multi_lead_share",
    "mean_shared",
)

_INTEGER_INDICES = ("n_components", "n_communities")
_MODULARITY_PROJECTIONS = ("newman", "count")
#: Curveball rounds before a chain's first sample in :func:`network_indices_with_null`.
NULL_BURN_IN: int = 200
#: Curveball rounds between two samples of one chain in :func:`network_indices_with_null`.
NULL_THIN: int = 20
#: Curveball chains run side by side in :func:`network_indices_with_null`.
NULL_CHAINS: int = 100
#: Chains per document when the null runs under the budget (``method == "reduced"``): fewer
#: chains, each thinned, cost ``chains × NULL_BURN_IN + (n − chains) × NULL_THIN`` rounds.
NULL_REDUCED_CHAINS: int = 10
#: Values of the ``method`` column of the null-model tables.
NULL_METHODS: tuple[str, ...] = ("full", "reduced", "skipped")


def _ratio(num: np.ndarray, den: np.ndarray) -> np.ndarray:
    """Elementwise num / den as float, NaN where den is 0."""
    num = np.asarray(num, dtype=float)
    den = np.asarray(den, dtype=float)
    shape = np.broadcast_shapes(num.shape, den.shape)
    return np.divide(num, den, out=np.full(shape, np.nan), where=den > 0)


def _nodf_sum(C: np.ndarray, degree: np.ndarray) -> tuple[np.ndarray, int]:
    """Sum over pairs i < j of N_paired for a stack of overlap matrices, and the pair count."""
    k = degree.shape[1]
    i, j = np.triu_indices(k, k=1)
    if not len(i):
        return np.zeros(degree.shape[0]), 0
    di, dj = degree[:, i], degree[:, j]
    low = np.minimum(di, dj)
    counted = (di != dj) & (low > 0)
    paired = np.where(counted, 100.0 * C[:, i, j] / np.where(counted, low, 1), 0.0)
    return paired.sum(axis=1), len(i)


def _nodf_stack(nz: np.ndarray) -> np.ndarray:
    f = nz.astype(np.float64)
    rows, n_rows = _nodf_sum(f @ f.transpose(0, 2, 1), nz.sum(axis=2))
    cols, n_cols = _nodf_sum(f.transpose(0, 2, 1) @ f, nz.sum(axis=1))
    return _ratio(rows + cols, np.full(len(nz), n_rows + n_cols))


def nodf(B: np.ndarray | sp.spmatrix | sp.sparray | pd.DataFrame) -> float:
    r"""Nestedness NODF of a binary matrix (Almeida-Neto et al. 2008), from 0 to 100.

    For every pair of rows *i*, *j* with degrees :math:`d_i > d_j`, the
    *paired nestedness* is the percentage of *j*'s ones that *i* also has,

    .. math:: N^{paired}_{ij} = 100\,|N(i) \cap N(j)| / d_j,

    and :math:`N^{paired}_{ij} = 0` when :math:`d_i = d_j` (decreasing fill is
    required) or the smaller degree is 0. Columns are paired the same way, and

    .. math::
        \mathrm{NODF} = \frac{\sum_{\text{row pairs}} N^{paired}
        + \sum_{\text{column pairs}} N^{paired}}{n(n-1)/2 + m(m-1)/2}

    for an :math:`n \times m` matrix. This is the paper's definition with rows
    and columns ordered by decreasing marginal totals (vegan's
    ``nestednodf(order = TRUE)``): the value does not depend on the order of
    the input, since pairs of equal degree score 0 in either order. All pairs
    count in the denominator, including those with an empty row or column.
    Any non-zero entry counts as 1.

    Parameters
    ----------
    B : array-like, shape (n, m)
        Incidence matrix, e.g. agencies × measures.

    Returns
    -------
    float
        NODF in [0, 100]; NaN when the matrix has fewer than two rows and
        fewer than two columns (no pairs).

    References
    ----------
    M. Almeida-Neto, P. Guimarães, P. R. Guimarães Jr, R. D. Loyola and
    W. Ulrich, "A consistent metric for nestedness analysis in ecological
    systems: reconciling concept and measurement", Oikos 117 (2008)
    1227–1239.

    Examples
    --------
    >>> import numpy as np
    >>> nodf(np.tril(np.ones((4, 4))))  # perfectly nested
    100.0
    >>> nodf(np.array([[1, 0, 1, 0], [0, 1, 0, 1], [1, 0, 1, 0], [0, 1, 0, 1]]))  # checkerboard
    0.0
    """
    if isinstance(B, pd.DataFrame):
        B = B.to_numpy()
    if sp.issparse(B):
        B = B.toarray()
    nz = np.asarray(B) != 0
    if nz.ndim != 2:
        raise ValueError(f"nodf needs a 2-d matrix, got shape {nz.shape}")
    return float(_nodf_stack(nz[None])[0])


def _gini_rows(x: np.ndarray) -> np.ndarray:
    """Gini coefficient of each row of a stack of non-negative counts (S, k)."""
    k = x.shape[1]
    total = x.sum(axis=1)
    ranks = np.arange(1, k + 1, dtype=float)
    weighted = (np.sort(x, axis=1) * ranks).sum(axis=1)
    return _ratio(2.0 * weighted, k * total) - (k + 1) / k if k else np.full(len(x), np.nan)


def _components_stack(nz: np.ndarray) -> np.ndarray:
    """Connected components of each two-mode graph of a stack, in one sparse call."""
    S, k, m = nz.shape
    n = k + m
    if n == 0:
        return np.zeros(S, dtype=np.int64)
    s, r, c = np.nonzero(nz)
    A = sp.coo_matrix(
        (np.ones(len(s), dtype=np.int8), (s * n + r, s * n + k + c)), shape=(S * n, S * n)
    )
    _, labels = connected_components(A, directed=False)
    labels = np.sort(labels.reshape(S, n), axis=1)
    return 1 + (np.diff(labels, axis=1) != 0).sum(axis=1)


def _projection_weights(nz: np.ndarray, projection: str) -> np.ndarray:
    """Dense weighted agency projection (zero diagonal) of one 0/1 matrix."""
    f = nz.astype(np.float64)
    if projection == "newman":
        size = f.sum(axis=0)
        f = f * np.sqrt(np.divide(1.0, size - 1, out=np.zeros_like(size), where=size > 1))
    W = f @ f.T
    np.fill_diagonal(W, 0.0)
    return W


def _louvain_partition(W: np.ndarray, seed: int) -> tuple[nx.Graph, list[set[int]]]:
    """A seeded Louvain partition of the weighted projection W (rows as node numbers)."""
    k = len(W)
    P = nx.Graph()
    P.add_nodes_from(range(k))
    i, j = np.nonzero(np.triu(W, k=1))
    if not len(i):
        return P, [{node} for node in range(k)]
    P.add_weighted_edges_from(zip(i.tolist(), j.tolist(), W[i, j].tolist(), strict=True))
    return P, nx.community.louvain_communities(P, weight="weight", seed=int(seed))


def _louvain(W: np.ndarray, seed: int) -> tuple[float, int]:
    """Modularity and number of communities of a Louvain partition of W."""
    P, parts = _louvain_partition(W, seed)
    if not P.number_of_edges():
        return float("nan"), len(W)  # no ties: every agency alone, modularity undefined
    return float(nx.community.modularity(P, parts, weight="weight")), len(parts)


def communities(
    assignments: pd.DataFrame,
    *,
    docs: str | Iterable[str] | None = None,
    roles: str | Sequence[str] = ROLES,
    inherited: bool = True,
    projection: str = "newman",
    seed: int | None = None,
) -> pd.DataFrame:
    """Communities of each document's agency projection: the partition behind ``modularity``.

    The same seeded Louvain partition (Blondel et al. 2008, networkx's
    ``louvain_communities``) of the same weighted agency projection that
    :func:`network_indices` reports the modularity of.

    Parameters
    ----------
    assignments : DataFrame
    docs, roles, inherited
        The selection, as in :func:`agencygraph.graph.bipartite_graph`.
    projection : {"newman", "count"}
        Weights of the agency projection.
    seed : int, optional
        Default :data:`agencygraph.settings.SEED`.

    Returns
    -------
    DataFrame
        ``doc_id, agency_id, community`` (communities numbered from 0, largest first,
        ties by their first agency), sorted by ``doc_id, community, agency_id``.

    Examples
    --------
    >>> import pandas as pd
    >>> a = pd.DataFrame({"doc_id": ["d"] * 4, "measure_id": ["m1", "m1", "m2", "m2"],
    ...     "role": ["lead", "support", "lead", "support"],
    ...     "agency_id": ["d:a", "d:b", "d:c", "d:e"], "agency_type": ["a", "b", "c", "e"],
    ...     "inherited": [False] * 4, "line": [1, 1, 2, 2]})
    >>> communities(a).community.tolist()
    [0, 0, 1, 1]
    """
    _check_projection(projection)
    seed = settings.SEED if seed is None else int(seed)
    records = []
    mats = role_matrices(assignments, docs=docs, roles=roles, inherited=inherited)
    for doc, (R, rows, _cols) in sorted(mats.items()):
        _, parts = _louvain_partition(_projection_weights(R != 0, projection), seed)
        ordered = sorted(
            (sorted(rows[i] for i in part) for part in parts), key=lambda p: (-len(p), p[0])
        )
        for number, members in enumerate(ordered):
            records.extend({"doc_id": doc, "agency_id": a, "community": number} for a in members)
    frame = pd.DataFrame(records, columns=["doc_id", "agency_id", "community"])
    return frame.sort_values(["doc_id", "community", "agency_id"], kind="stable").reset_index(
        drop=True
    )


def _index_stack(
    stack: np.ndarray,
    *,
    party: np.ndarray | None,
    union: np.ndarray,
    projection: str,
    seeds: Sequence[int],
    louvain: int | None = None,
) -> dict[str, np.ndarray]:
    """Every index of :data:`NETWORK_INDICES` for a stack of role matrices (S, k, m).

    ``louvain``: run Louvain (``modularity``, ``n_communities``) on the first
    ``louvain`` matrices only (default all); the others get NaN there.
    """
    S, k, m = stack.shape
    nz = stack != 0
    lead = stack == 2
    edges = nz.sum(axis=(1, 2))
    out: dict[str, np.ndarray] = {
        "density": _ratio(edges, k * m),
        "mean_agency_degree": _ratio(edges, k),
        "mean_units_per_measure": _ratio(edges, m),
    }
    leads = lead.sum(axis=2).astype(float)  # (S, k): measures each agency leads
    total = leads.sum(axis=1)
    out["lead_top_share"] = _ratio(leads.max(axis=1) if k else np.zeros(S), total)
    out["lead_hhi"] = np.where(total > 0, (_ratio(leads, total[:, None]) ** 2).sum(axis=1), np.nan)
    out["lead_gini"] = np.where(total > 0, _gini_rows(leads), np.nan)
    per_measure = lead.sum(axis=1)  # (S, m): leads of each measure
    led = (per_measure > 0).sum(axis=1)
    if party is None:
        out["party_lead_share"] = np.full(S, np.nan)
    else:
        out["party_lead_share"] = _ratio((lead & party[None, :, None]).any(axis=1).sum(axis=1), led)
    out["union_lead_share"] = _ratio((lead & union[None, :, None]).any(axis=1).sum(axis=1), led)
    out["multi_lead_share"] = _ratio((per_measure >= 2).sum(axis=1), led)
    out["n_components"] = _components_stack(nz)

    f = nz.astype(np.float64)
    C = f @ f.transpose(0, 2, 1)
    degree = nz.sum(axis=2)
    i, j = np.triu_indices(k, k=1)
    shared = C[:, i, j]
    union_size = degree[:, i] + degree[:, j] - shared
    jaccard = np.divide(shared, union_size, out=np.zeros_like(shared), where=union_size > 0)
    no_pairs = np.full(S, np.nan)
    out["mean_shared"] = shared.mean(axis=1) if len(i) else no_pairs
    out["mean_jaccard"] = jaccard.mean(axis=1) if len(i) else no_pairs
    out["projection_density"] = (shared > 0).mean(axis=1) if len(i) else no_pairs
    out["nodf"] = _nodf_stack(nz)

    n_louvain = S if louvain is None else max(0, min(S, int(louvain)))
    found = [_louvain(_projection_weights(nz[s], projection), seeds[s]) for s in range(n_louvain)]
    if n_louvain == S:
        out["modularity"] = np.array([q for q, _ in found], dtype=float)
        out["n_communities"] = np.array([c for _, c in found], dtype=np.int64)
    else:
        out["modularity"] = np.full(S, np.nan)
        out["n_communities"] = np.full(S, np.nan)
        out["modularity"][:n_louvain] = [q for q, _ in found]
        out["n_communities"][:n_louvain] = [c for _, c in found]
    return out


def _agency_lookup(
    assignments: pd.DataFrame, agencies: pd.DataFrame | None
) -> tuple[dict[str, str], dict[str, str] | None]:
    """agency_id → agency_type, and agency_id → system (None when no source gives a system)."""
    ids = _text(assignments["agency_id"])
    type_of = _mode_by(ids, _text(assignments["agency_type"]))
    system_of: dict[str, str] | None = None
    if "system" in assignments.columns:
        system_of = _mode_by(ids, _text(assignments["system"]))
    if agencies is not None:
        _require(agencies, ("agency_id",), "agencies")
        table = pd.DataFrame(
            {
                c: _text(agencies[c]) if c in agencies.columns else ""
                for c in ("agency_id", "agency_type", "system")
            }
        )
        table = table[table["agency_id"] != ""].drop_duplicates("agency_id")
        typed = table[table["agency_type"] != ""]
        type_of.update(zip(typed["agency_id"], typed["agency_type"], strict=True))
        if "system" in agencies.columns:
            system_of = dict(system_of or {})
            system_of.update(zip(table["agency_id"], table["system"], strict=True))
    return type_of, system_of


def _mode_by(keys: pd.Series, values: pd.Series) -> dict[str, str]:
    """Most frequent non-empty value of each non-empty key, ties by sort order (vectorised)."""
    frame = pd.DataFrame({"key": keys.to_numpy(), "value": values.to_numpy()})
    frame = frame[(frame["key"] != "") & (frame["value"] != "")]
    counts = frame.groupby(["key", "value"], sort=False).size().rename("n").reset_index()
    counts = counts.sort_values(
        ["key", "n", "value"], ascending=[True, False, True], kind="mergesort"
    ).drop_duplicates("key")
    return dict(zip(counts["key"], counts["value"], strict=True))


def _masks(
    rows: Sequence[str], type_of: Mapping[str, str], system_of: Mapping[str, str] | None
) -> tuple[np.ndarray | None, np.ndarray]:
    union = np.array([type_of.get(r, "") == "union" for r in rows], dtype=bool)
    if system_of is None:
        return None, union
    party = np.array([system_of.get(r, "") == "party" for r in rows], dtype=bool)
    return party, union


def _check_projection(projection: str) -> None:
    if projection not in _MODULARITY_PROJECTIONS:
        raise ValueError(f"projection must be one of {_MODULARITY_PROJECTIONS}, got {projection!r}")


def network_indices(
    assignments: pd.DataFrame,
    *,
    docs: str | Iterable[str] | None = None,
    roles: str | Sequence[str] = ROLES,
    inherited: bool = True,
    measures: pd.DataFrame | None = None,
    agencies: pd.DataFrame | None = None,
    projection: str = "newman",
    seed: int | None = None,
) -> pd.DataFrame:
    r"""Network indices of each document's agency × measure graph.

    With :math:`B` the binary agency × measure matrix of a document,
    :math:`n_a` agencies, :math:`n_m` measures, :math:`E` edges (agency–measure
    assignments, a unit both leading and supporting a measure counted once),
    :math:`\ell_i` the number of measures agency *i* leads and :math:`M_L`
    the measures with at least one lead:

    - ``density`` :math:`= E / (n_a n_m)`, the connectance (two-mode density);
    - ``mean_agency_degree`` :math:`= E / n_a`;
    - ``mean_units_per_measure`` :math:`= E / n_m`;
    - ``lead_top_share`` :math:`= \max_i \ell_i / \sum_i \ell_i`;
    - ``lead_hhi`` :math:`= \sum_i (\ell_i / \sum_j \ell_j)^2` (Herfindahl);
    - ``lead_gini`` :math:`= \sum_i \sum_j |\ell_i - \ell_j| / (2 n_a^2 \bar\ell)`
      over all the document's agencies (those leading nothing too); 0 when
      every agency leads equally, at most :math:`(n_a - 1)/n_a`;
    - ``party_lead_share``: share of :math:`M_L` led by at least one agency
      of the party system (``system == "party"``, from ``agencies`` or a
      ``system`` column of ``assignments``; NaN when neither is given);
    - ``union_lead_share``: share of :math:`M_L` led by at least one trade
      union (``agency_type == "union"``);
    - ``multi_lead_share``: share of :math:`M_L` with two or more leads;
    - ``n_components``: connected components of the two-mode graph;
    - ``mean_shared``, ``mean_jaccard``: mean over all agency pairs of the
      number of shared measures / of the Jaccard overlap (0 for disjoint
      pairs);
    - ``projection_density``: share of agency pairs that share a measure;
    - ``nodf``: nestedness of :math:`B` (:func:`nodf`, Almeida-Neto et al.
      2008), 0–100;
    - ``modularity``, ``n_communities``: Newman–Girvan modularity
      :math:`Q = \frac{1}{2w}\sum_{ij}(W_{ij} - s_i s_j / 2w)\,\delta(c_i, c_j)`
      of the Louvain partition (Blondel et al. 2008;
      ``networkx.community.louvain_communities``, resolution 1, seeded) of
      the weighted agency projection :math:`W` (``projection``; see
      :func:`agencygraph.graph.project_agencies`), and the number of its
      communities, isolated agencies counting as one each. Modularity is NaN
      when the projection has no edge.

    These depend on plan size (a small plan is denser by construction); see
    :func:`network_indices_with_null` for size-fair comparisons.

    Parameters
    ----------
    assignments : DataFrame
    docs, roles, inherited
        The selection, as in :func:`agencygraph.graph.bipartite_graph`.
    measures : DataFrame, optional
        Count every measure of the document in :math:`n_m` (isolated measure
        nodes too); default: only measures with a selected assignment.
    agencies : DataFrame, optional
        The agencies table: gives each agency its ``system`` (and
        ``agency_type``).
    projection : {"newman", "count"}
        Weighting of the agency projection for the modularity.
    seed : int, optional
        Seed of the Louvain algorithm; default :data:`agencygraph.settings.SEED`.

    Returns
    -------
    DataFrame
        One row per ``doc_id`` (sorted): ``doc_id, n_agencies, n_measures,
        n_edges, n_leads,`` the indices above (in the order of
        :data:`NETWORK_INDICES`) and ``skipped_unresolved`` (selected rows
        without an ``agency_id``).

    References
    ----------
    V. D. Blondel, J.-L. Guillaume, R. Lambiotte and E. Lefebvre, "Fast
    unfolding of communities in large networks", J. Stat. Mech. (2008) P10008.
    M. E. J. Newman, "Modularity and community structure in networks", PNAS
    103 (2006) 8577–8582.

    Examples
    --------
    >>> import pandas as pd
    >>> a = pd.DataFrame({"doc_id": ["d"] * 3, "measure_id": ["d-1", "d-1", "d-2"],
    ...     "role": ["lead", "support", "lead"], "agency_id": ["d:a", "d:b", "d:a"],
    ...     "agency_type": ["a", "union", "a"], "inherited": [False] * 3, "line": [1, 1, 2]})
    >>> t = network_indices(a)
    >>> t.loc[0, ["density", "lead_top_share", "lead_hhi", "lead_gini", "nodf"]].tolist()
    [0.75, 1.0, 1.0, 0.5, 100.0]
    """
    _check_projection(projection)
    seed = settings.SEED if seed is None else int(seed)
    _, skipped = _select(assignments, docs=docs, roles=roles, inherited=inherited, node="agency_id")
    mats = role_matrices(
        assignments, docs=docs, roles=roles, inherited=inherited, measures=measures
    )
    type_of, system_of = _agency_lookup(assignments, agencies)
    return _indices_table(mats, skipped, type_of, system_of, projection=projection, seed=seed)


def _indices_table(
    mats: Mapping[str, tuple[np.ndarray, list, list]],
    skipped: pd.Series,
    type_of: Mapping[str, str],
    system_of: Mapping[str, str] | None,
    *,
    projection: str,
    seed: int,
) -> pd.DataFrame:
    """The table of :func:`network_indices` from role matrices and agency lookups."""
    empty = (np.zeros((0, 0), dtype=np.int8), [], [])
    records = []
    for doc in sorted(set(mats) | set(skipped.index)):
        R, rows, cols = mats.get(doc, empty)
        party, union = _masks(rows, type_of, system_of)
        values = _index_stack(
            R[None], party=party, union=union, projection=projection, seeds=[seed]
        )
        rec = {
            "doc_id": doc,
            "n_agencies": len(rows),
            "n_measures": len(cols),
            "n_edges": int((R != 0).sum()),
            "n_leads": int((R == 2).sum()),
        }
        for name in NETWORK_INDICES:
            value = values[name][0]
            rec[name] = int(value) if name in _INTEGER_INDICES else float(value)
        rec["skipped_unresolved"] = int(skipped.get(doc, 0))
        records.append(rec)
    columns = [
        "doc_id",
        "n_agencies",
        "n_measures",
        "n_edges",
        "n_leads",
        *NETWORK_INDICES,
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


def _trade_round(
    owner: np.ndarray,
    item: np.ndarray,
    chain: np.ndarray,
    *,
    k: int,
    m: int,
    n_chains: int,
    rng: np.random.Generator,
) -> None:
    """One global curveball round of every chain, in place on the edge list ``owner``.

    The rows of each chain are split at random into disjoint pairs (one left
    alone when their number is odd) and every pair trades as in
    :func:`_curveball`: the entries only one of the two rows holds are pooled
    and dealt back at random in the same numbers (Carstens, Berger & Strona
    2018; the vectorisation of :func:`agencygraph.backbone.curveball`, with
    pairs kept inside their chain). An entry keeps its column and its value.
    """
    order = np.argsort(rng.random((n_chains, k)), axis=1)
    pair_of = np.empty((n_chains, k), dtype=np.int64)
    np.put_along_axis(pair_of, order, np.arange(k, dtype=np.int64) // 2, axis=1)
    pair_of += np.arange(n_chains, dtype=np.int64)[:, None] * ((k + 1) // 2)
    pe = pair_of[chain, owner]
    key = pe * m + item
    by_key = np.argsort(key)
    ks = key[by_key]
    shared = np.zeros(ks.size, dtype=bool)
    same = ks[1:] == ks[:-1]
    shared[1:] |= same
    shared[:-1] |= same
    ex = by_key[~shared]  # entries held by only one row of their pair
    pex = pe[ex]
    # Within each pair: the owners in sorted order, dealt to the pair's entries in random order.
    labels = ex[np.argsort(pex * k + owner[ex], kind="stable")]
    slots = ex[np.argsort(pex + rng.random(ex.size))]
    owner[slots] = owner[labels]


def _curveball_samples(
    R: np.ndarray,
    n: int,
    *,
    rng: np.random.Generator,
    burn_in: int,
    thin: int,
    n_chains: int = 100,
) -> Iterator[np.ndarray]:
    """Yield ``n`` curveball samples of the role matrix R in stacks of up to ``n_chains``.

    ``n_chains`` chains start from R and run side by side on one edge list
    (``n_chains × E`` entries), so a round of all of them is a few numpy
    sorts. After ``burn_in`` rounds every chain gives a sample, and again
    every ``thin`` rounds, until ``n`` samples are out. Row and column degrees
    and each column's roles are preserved.
    """
    k, m = R.shape
    r0, c0 = np.nonzero(R)
    values = R[r0, c0]
    chains = max(1, min(n_chains, n))
    E = len(r0)
    chain = np.repeat(np.arange(chains, dtype=np.int64), E)
    owner = np.tile(r0.astype(np.int64), chains)
    item = np.tile(c0.astype(np.int64), chains)
    trades = k >= 2 and E > 0

    def advance(rounds: int) -> None:
        for _ in range(rounds if trades else 0):
            _trade_round(owner, item, chain, k=k, m=m, n_chains=chains, rng=rng)

    advance(burn_in)
    done = 0
    while done < n:
        size = min(chains, n - done)
        stack = np.zeros((chains, k, m), dtype=R.dtype)
        stack[chain, owner, item] = np.tile(values, chains)
        yield stack[:size]
        done += size
        if done < n:
            advance(thin)


def _null_plan(
    docs: Sequence[str], *, n: int, seed: int, budget: int | None
) -> dict[str, tuple[int, str]]:
    """Samples and method of each document's null under the corpus budget.

    Up to :data:`agencygraph.settings.NULL_FULL_DOCS` documents: ``n`` each
    (``"full"``). Past it, ``max(NULL_MIN_SAMPLES, budget // n_docs)`` each
    (capped at ``n``; ``"reduced"`` when below ``n``), for the ``budget //
    samples`` documents whose seeded crc32 of ``doc_id`` ranks first; the
    others ``(0, "skipped")``. Deterministic: never depends on wall time.
    """
    docs = sorted(docs)
    if len(docs) <= settings.NULL_FULL_DOCS:
        return {d: (n, "full") for d in docs}
    budget = settings.NULL_BUDGET if budget is None else int(budget)
    per = min(n, max(settings.NULL_MIN_SAMPLES, budget // len(docs)))
    n_cover = min(len(docs), budget // per)
    ranked = sorted(docs, key=lambda d: (zlib.crc32(f"{seed}:{d}".encode()), d))
    chosen = set(ranked[:n_cover])
    method = "full" if per == n else "reduced"
    return {d: (per, method) if d in chosen else (0, "skipped") for d in docs}


def _two_sided(summary: dict[str, float], observed: float) -> float:
    if not np.isfinite(observed) or summary["n_samples"] == 0:
        return float("nan")
    return float(min(1.0, 2.0 * min(summary["p_greater"], summary["p_less"])))


def network_indices_with_null(
    assignments: pd.DataFrame,
    *,
    agencies: pd.DataFrame | None = None,
    n: int | None = None,
    seed: int | None = None,
    burn_in: int | None = None,
    thin: int | None = None,
    n_chains: int | None = None,
    docs: str | Iterable[str] | None = None,
    roles: str | Sequence[str] = ROLES,
    inherited: bool = True,
    measures: pd.DataFrame | None = None,
    projection: str = "newman",
    budget: int | None = None,
) -> pd.DataFrame:
    r"""Network indices of each document against a degree-preserving null model.

    Every index of :func:`network_indices` (:data:`NETWORK_INDICES`) is
    recomputed on ``n`` curveball randomisations of the document's role
    matrix (Strona et al. 2014): every agency keeps its number of measures,
    every measure its number of agencies and its mix of leads and supports
    (an entry moves between agencies within its measure, carrying its role).
    ``n_chains`` chains start from the observed matrix and run side by side
    on one edge list, in global rounds in which every agency trades once with
    a random partner (Carstens, Berger & Strona 2018); each chain gives a
    sample after ``burn_in`` rounds and then every ``thin`` rounds. Lead
    statistics mix more slowly than the incidence (a lead moves only when its
    measure changes hands), hence the long default burn-in.

    .. math::
        z = \frac{s_{obs} - \bar s_{null}}{\operatorname{sd}(s_{null})},\qquad
        p = \min\Bigl(1,\ 2\min\Bigl(\frac{1 + \#\{s_{null} \ge s_{obs}\}}{n + 1},
        \frac{1 + \#\{s_{null} \le s_{obs}\}}{n + 1}\Bigr)\Bigr)

    ``p_value`` is two-sided (twice the smaller empirical tail of North,
    Curtis & Sham 2002, capped at 1); the one-sided tails are
    ``p_greater`` and ``p_less``. Indices the null leaves unchanged
    (:data:`NULL_INVARIANT`: density, mean agency degree, mean units per
    measure, mean shared measures — :math:`\sum_k \binom{n_k}{2}` over pairs —
    and multi-lead share, since every measure keeps its leads) get
    ``null_sd`` 0, ``z`` NaN and ``p_value`` 1; so may others in a given
    document (e.g. ``n_components`` when no trade can split the graph). An index NaN in the observed
    matrix (e.g. ``party_lead_share`` without systems) has NaN z and p. In
    each sample the Louvain seed is drawn from the document's stream.

    Budget. The null costs a fixed amount per document and sample, so a
    large corpus runs under a total budget (:func:`_null_plan`; the rule is
    deterministic, never timed): up to
    :data:`agencygraph.settings.NULL_FULL_DOCS` documents, every document
    gets ``n`` samples (``method`` ``"full"``); past it each gets
    ``max(NULL_MIN_SAMPLES, budget // n_docs)`` (``"reduced"`` when fewer
    than ``n``; run on :data:`NULL_REDUCED_CHAINS` chains unless
    ``n_chains`` is given), for at most ``budget // samples`` documents —
    those whose crc32 of ``"<seed>:<doc_id>"`` ranks first — and the others
    are ``"skipped"`` (``n_samples`` 0, NaN null statistics, z and p). Past
    the threshold the Louvain indices (``modularity``, ``n_communities``)
    are recomputed on the first
    :data:`agencygraph.settings.NULL_LOUVAIN_SAMPLES` draws only (their
    ``n_samples`` says so).

    Monte-Carlo error. With :math:`n` samples the null mean has standard
    error :math:`\operatorname{sd}/\sqrt n`, the z-score about
    :math:`\sqrt{(1 + z^2/2)/n}` (0.1 at :math:`n = 100`, :math:`z = 0`; 0.22
    at :math:`n = 20`), and an empirical p-value :math:`p` has resolution
    :math:`1/(n+1)` and standard error about :math:`\sqrt{p(1-p)/n}`; the
    chains' autocorrelation (thinned every ``thin`` rounds) can only add to
    these.

    Parameters
    ----------
    assignments : DataFrame
    agencies : DataFrame, optional
        Gives agencies their ``system`` (for ``party_lead_share``).
    n : int, optional
        Samples per document; default :data:`agencygraph.settings.NULL_SAMPLES`.
    seed : int, optional
        Default :data:`agencygraph.settings.SEED`. Each document's stream
        depends only on the seed and its ``doc_id``; the observed modularity
        uses the seed itself, as :func:`network_indices` does.
    burn_in, thin, n_chains : int, optional
        Curveball schedule; defaults :data:`NULL_BURN_IN` (200 rounds),
        :data:`NULL_THIN` (20) and :data:`NULL_CHAINS` (100).
    docs, roles, inherited, measures, projection
        As in :func:`network_indices`.
    budget : int, optional
        Document × sample budget past ``NULL_FULL_DOCS`` documents; default
        :data:`agencygraph.settings.NULL_BUDGET`.

    Returns
    -------
    DataFrame
        Long and tidy: ``doc_id, index, observed, null_mean, null_sd, z,
        p_value, p_greater, p_less, n_samples, method``, sorted by ``doc_id``
        then index in the order of :data:`NETWORK_INDICES`. ``method`` is
        ``"full"``, ``"reduced"`` or ``"skipped"`` (see Budget above).

    References
    ----------
    G. Strona, D. Nappo, F. Boccacci, S. Fattorini and J. San-Miguel-Ayanz,
    Nature Communications 5 (2014) 4114.
    C. J. Carstens, A. Berger and G. Strona, "A unifying framework for fast
    randomization of ecological networks with fixed (node) degrees",
    MethodsX 5 (2018) 773–780.
    B. V. North, D. Curtis and P. C. Sham, Am. J. Hum. Genet. 71 (2002)
    439–441.

    Examples
    --------
    >>> import pandas as pd
    >>> a = pd.DataFrame({"doc_id": ["d"] * 4, "measure_id": ["m1", "m1", "m2", "m2"],
    ...     "role": ["lead", "support", "lead", "support"],
    ...     "agency_id": ["d:a", "d:b", "d:a", "d:c"], "agency_type": ["a", "b", "a", "c"],
    ...     "inherited": [False] * 4, "line": [1, 1, 2, 2]})
    >>> t = network_indices_with_null(a, n=100, seed=1).set_index("index")
    >>> t.loc["density", ["observed", "null_sd", "z", "p_value"]].round(3).tolist()
    [0.667, 0.0, nan, 1.0]
    """
    _check_projection(projection)
    n = settings.NULL_SAMPLES if n is None else int(n)
    seed = settings.SEED if seed is None else int(seed)
    if n < 1:
        raise ValueError("n must be at least 1")
    mats = role_matrices(
        assignments, docs=docs, roles=roles, inherited=inherited, measures=measures
    )
    type_of, system_of = _agency_lookup(assignments, agencies)
    masks = {doc: _masks(rows, type_of, system_of) for doc, (_, rows, _) in mats.items()}
    return _null_table(
        mats,
        masks,
        None,
        n=n,
        seed=seed,
        budget=budget,
        projection=projection,
        burn_in=burn_in,
        thin=thin,
        n_chains=n_chains,
    )


_NULL_COLUMNS = [
    "doc_id",
    "index",
    "observed",
    "null_mean",
    "null_sd",
    "z",
    "p_value",
    "p_greater",
    "p_less",
    "n_samples",
    "method",
]


def _null_table(
    mats: Mapping[str, tuple[np.ndarray, list, list]],
    masks: Mapping[str, tuple[np.ndarray | None, np.ndarray]],
    observed_values: Mapping[str, Mapping[str, float]] | None,
    *,
    n: int,
    seed: int,
    budget: int | None,
    projection: str,
    burn_in: int | None,
    thin: int | None,
    n_chains: int | None,
) -> pd.DataFrame:
    """The long null table of :func:`network_indices_with_null` from role matrices.

    ``observed_values`` (doc → index → value, as :func:`network_indices`
    gives them) saves recomputing the observed indices; None computes them.
    """
    chain_options = {
        "burn_in": NULL_BURN_IN if burn_in is None else int(burn_in),
        "thin": NULL_THIN if thin is None else int(thin),
        "n_chains": NULL_CHAINS if n_chains is None else int(n_chains),
    }
    if chain_options["burn_in"] < 0 or min(chain_options["thin"], chain_options["n_chains"]) < 1:
        raise ValueError("burn_in must be at least 0, thin and n_chains at least 1")
    plan = _null_plan(list(mats), n=n, seed=seed, budget=budget)
    reduced = any(method != "full" for _, method in plan.values())
    records = []
    for doc, (R, _, _) in mats.items():
        party, union = masks[doc]
        context = {"party": party, "union": union, "projection": projection}
        if observed_values is None:
            stack = _index_stack(R[None], seeds=[seed], **context)
            observed = {name: float(stack[name][0]) for name in NETWORK_INDICES}
        else:
            observed = {name: float(observed_values[doc][name]) for name in NETWORK_INDICES}
        samples, method = plan[doc]
        draws: dict[str, list[np.ndarray]] = {name: [] for name in NETWORK_INDICES}
        if samples:
            options = dict(chain_options)
            if reduced and n_chains is None:
                options["n_chains"] = NULL_REDUCED_CHAINS
            louvain_left = samples if not reduced else min(samples, settings.NULL_LOUVAIN_SAMPLES)
            rng = _doc_rng(seed, doc)
            for stack in _curveball_samples(R, samples, rng=rng, **options):
                seeds = rng.integers(0, 2**31 - 1, size=len(stack))
                values = _index_stack(stack, seeds=seeds, louvain=louvain_left, **context)
                louvain_left = max(0, louvain_left - len(stack))
                for name, value in values.items():
                    draws[name].append(value)
        for name in NETWORK_INDICES:
            obs = observed[name]
            if samples:
                summary = _summarise(obs, np.concatenate(draws[name]).astype(float))
            else:
                summary = _summarise(obs, np.zeros(0))
                summary["null_sd"] = float("nan")
                summary["p_greater"] = summary["p_less"] = float("nan")
            records.append(
                {
                    "doc_id": doc,
                    "index": name,
                    "observed": obs,
                    "null_mean": summary["null_mean"],
                    "null_sd": summary["null_sd"],
                    "z": summary["z"],
                    "p_value": _two_sided(summary, obs),
                    "p_greater": summary["p_greater"] if np.isfinite(obs) else np.nan,
                    "p_less": summary["p_less"] if np.isfinite(obs) else np.nan,
                    "n_samples": summary["n_samples"],
                    "method": method,
                }
            )
    return pd.DataFrame.from_records(records, columns=_NULL_COLUMNS)
