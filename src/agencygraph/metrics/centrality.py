"""Centralities of agencies in the two-mode graph and in its projections.

Two-mode degree, closeness and betweenness (Borgatti and Halgin), and the agency
centralities of each plan (:func:`agency_centrality`), exact per component and sampled
past :data:`agencygraph.settings.BETWEENNESS_EXACT_NODES` nodes.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping

import networkx as nx
import numpy as np
import pandas as pd
import scipy.sparse as sp
from scipy.sparse.csgraph import connected_components, shortest_path

from agencygraph import settings, units
from agencygraph._tables import require, text
from agencygraph.graph import (
    ROLES,
    graph_sides,
    incidence_matrix,
    project_agencies,
    projection_matrix,
    role_incidence,
)
from agencygraph.metrics.indices import _mode_by

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
    top, bottom = graph_sides(G)
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


def _eigenvector(W: sp.csr_matrix | np.ndarray, *, max_iter: int, tol: float) -> np.ndarray:
    r"""Eigenvector centrality of each connected component of W, on one scale.

    Power iteration on W + I from the uniform vector (as networkx does) in each
    component with an edge; each component's vector gets Euclidean norm
    :math:`\sqrt{n_c/n}` (:math:`n_c` its nodes, :math:`n` the nodes of all such
    components), so that the whole vector has unit norm and a connected W gives
    networkx's value. An agency without a neighbour in W gets 0. Without this, one
    power iteration over a disconnected W converges to the largest component's vector
    and leaves every other component near 0.
    """
    k = W.shape[0]
    if k == 0:
        return np.zeros(0)
    W = sp.csr_matrix(W)
    n_comp, labels = connected_components(W, directed=False)
    size = np.bincount(labels, minlength=n_comp)
    linked = size[labels] > 1
    if n_comp == 1 or not linked.any():
        return _power(W, max_iter=max_iter, tol=tol) if linked.all() else np.zeros(k)
    x = np.zeros(k)
    n = int(linked.sum())
    for c in np.flatnonzero(size > 1):
        at = np.flatnonzero(labels == c)
        x[at] = _power(W[at][:, at], max_iter=max_iter, tol=tol) * np.sqrt(len(at) / n)
    return x


def _power(W: sp.csr_matrix, *, max_iter: int, tol: float) -> np.ndarray:
    """Power iteration on W + I from the uniform vector, as networkx does.

    Starting from the uniform vector (not a random one) makes the result a
    deterministic function of the graph.
    """
    k = W.shape[0]
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
    weight: bool = False,
    collectives: str = "keep",
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
      iteration on :math:`W + I` from the uniform vector — the value of
      ``networkx.eigenvector_centrality(P, weight="weight")`` for a connected
      projection. A disconnected projection (several plans in one graph; an
      agency sharing no measure) is handled per component: each component's
      own leading eigenvector, with norm :math:`\sqrt{n_c/n}` so that the
      column has unit norm; an agency without a neighbour gets 0. (One power
      iteration over the whole graph would give ~0 to every agency outside
      the component with the largest eigenvalue.) Compare agencies of
      different components by ``eigenvector_pct``;
    - ``pagerank``: ``networkx.pagerank`` of the projection (damping
      ``alpha``, weighted);
    - ``n_lead, n_support``: measures the agency leads / supports (edge
      ``role``; NaN when the graph's edges carry no role);
    - ``lead_role_share`` :math:`= n_{lead} / (n_{lead} + n_{support})`;
    - ``strength``: the sum of the agency's edge ``weight`` in ``G`` (role
      weights, lead 2 / support 1 / responsible 1.5 by default; Opsahl et
      al. 2010), its weighted degree; the other columns ignore the role
      weights unless ``weight=True``;
    - ``component``: the agency's connected component in ``G``, numbered from
      0 by size (largest first; ties by their first node);
    - ``collective``: the node attribute (collective actor, see
      :func:`agencygraph.units.is_collective`; False where absent);
    - plan-comparable versions, computed within each plan (the ``place``
      node attribute; the whole graph where absent): ``degree_rel``, the
      degree over the plan's mean agency degree (which equals the plan's
      density, so raw degrees of plans of different density are not
      comparable; 1 is the plan's average), and the within-plan percentile
      ranks ``degree_pct, betweenness_pct, eigenvector_pct, pagerank_pct``
      (rank over the plan's number of agencies, ties averaged: 1 is the
      plan's top agency).

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
    weight : bool
        ``False`` (default): the projection behind ``eigenvector`` and
        ``pagerank`` is of the binary incidence. ``True``: of the weighted
        one (edge ``weight``; ``projection`` ``"count"`` or ``"newman"``,
        see :func:`agencygraph.graph.project_agencies`). Two-mode degree,
        closeness and betweenness stay binary either way.
    collectives : {"keep", "drop"}
        Drop agency nodes whose ``collective`` attribute is true before
        computing (default ``"keep"``).

    Returns
    -------
    DataFrame
        Indexed by ``agency``, sorted.

    References
    ----------
    P. Bonacich, "Factoring and weighting approaches to status scores and
    clique identification", J. Math. Sociol. 2 (1972) 113–120.
    T. Opsahl, F. Agneessens and J. Skvoretz, "Node centrality in weighted
    networks: Generalizing degree and shortest paths", Social Networks 32
    (2010) 245–251.
    S. Brin and L. Page, "The anatomy of a large-scale hypertextual Web
    search engine", Computer Networks 30 (1998) 107–117.

    Examples
    --------
    >>> import networkx as nx
    >>> t = agency_centrality(nx.davis_southern_women_graph())
    >>> t["pagerank"].sum().round(6)
    np.float64(1.0)
    """
    if units.check_collectives(collectives) == "drop":
        G = G.subgraph(
            [
                v
                for v, d in G.nodes(data=True)
                if not (d.get("bipartite") == 0 and d.get("collective"))
            ]
        ).copy()
    top, _ = graph_sides(G)
    two_mode = two_mode_centrality(G, nodes=top, seed=seed)
    B, _, _ = incidence_matrix(G, weighted=weight)
    upper = projection_matrix(B, projection, weight)
    eig = _eigenvector((upper + upper.T).tocsr(), max_iter=max_iter, tol=tol)
    if weight:
        P = nx.Graph()
        P.add_nodes_from(top)
        P.add_weighted_edges_from(
            (top[i], top[j], w) for i, j, w in zip(upper.row, upper.col, upper.data, strict=True)
        )
    else:
        P = project_agencies(G, method=projection)
    pr = nx.pagerank(P, alpha=alpha) if top else {}
    strength = np.asarray(incidence_matrix(G, weighted=True)[0].sum(axis=1)).ravel()

    has_role = [r in ROLES for _, _, r in G.edges(data="role")]
    if has_role and all(has_role):
        L, S, _, _ = role_incidence(G, docs=None, inherited=True, node="agency_id")
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
    out = pd.DataFrame(
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
            "strength": strength,
            "component": _components(G, top),
            "collective": [bool(G.nodes[v].get("collective", False)) for v in top],
        },
        index=pd.Index(top, name="agency", dtype=object),
    )
    return _comparable(out, attrs["place"])


#: Centralities given a within-plan percentile rank (``<name>_pct``).
RANKED: tuple[str, ...] = ("degree", "betweenness", "eigenvector", "pagerank")


def _comparable(frame: pd.DataFrame, plan: Iterable) -> pd.DataFrame:
    """Add ``degree_rel`` and the within-plan percentile ranks ``<c>_pct`` of :data:`RANKED`."""
    plan = pd.Series(np.asarray(list(plan), dtype=object), index=frame.index)
    grouped = frame.groupby(plan, sort=False)
    mean = grouped["degree"].transform("mean").to_numpy(float)
    frame["degree_rel"] = np.divide(
        frame["degree"].to_numpy(float), mean, out=np.full(len(frame), np.nan), where=mean > 0
    )
    for c in RANKED:
        frame[f"{c}_pct"] = grouped[c].rank(method="average", pct=True).to_numpy(float)
    return frame


def _components(G: nx.Graph, top: list) -> np.ndarray:
    """Component of each agency in G, numbered by size (largest first), then first node."""
    nodes = list(G)
    if not nodes:
        return np.zeros(0, dtype=np.int64)
    comps = list(nx.connected_components(G))
    order = sorted(range(len(comps)), key=lambda i: (-len(comps[i]), min(map(str, comps[i]))))
    number = {v: rank for rank, i in enumerate(order) for v in comps[i]}
    return np.array([number[v] for v in top], dtype=np.int64)


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
    """Symmetric dense agency projection of one 0/1 matrix, the values of ``projection_matrix``."""
    if projection not in ("count", "newman"):
        upper = projection_matrix(sp.csr_matrix(nz.astype(float)), projection)
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

    ``sel`` is the agency_id selection (``select_assignments``) and ``mats`` its role
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
        require(agencies, ("agency_id", "doc_id", "name_zh", "agency_type"), "agencies")
        cols = ("agency_id", "doc_id", "name_zh", "name_en", "agency_type", "system")
        lookup = pd.DataFrame({c: text(agencies[c]) if c in agencies.columns else "" for c in cols})
        lookup = lookup.drop_duplicates("agency_id").set_index("agency_id")
    weights = settings.ROLE_WEIGHTS
    # R codes: 0 none, 1 support, 2 lead, 3 responsible (kept apart).
    role_weight = np.array([0.0, weights["support"], weights["lead"], weights["responsible"]])
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
        n_comp, labels = connected_components(sp.csr_matrix(A), directed=False)
        size = np.bincount(labels, minlength=n_comp)
        # Largest first, ties by first node (agencies, then measures, both sorted), as
        # agency_centrality numbers the components of a plan's graph.
        first = np.full(n_comp, big, dtype=np.int64)
        np.minimum.at(first, labels, np.arange(big))
        rank = np.empty(n_comp, dtype=np.int64)
        rank[np.lexsort((first, -size))] = np.arange(n_comp)
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
            "strength": role_weight[R.astype(np.intp)].sum(axis=1),
            "component": rank[labels[:k]],
        }
        parts.append(frame)
    attrs = ("name_zh", "name_en", "agency_type", "system", "place")
    columns = ["doc_id", "agency", *attrs, "degree", "closeness", "betweenness"]
    columns += ["betweenness_method", "eigenvector", "pagerank", "n_lead", "n_support"]
    columns += ["lead_role_share", "strength", "component", "collective", "degree_rel"]
    columns += [f"{c}_pct" for c in RANKED]
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
    kind = np.full(len(sel), "", dtype=object)
    if lookup is not None:
        at = lookup.index.get_indexer(sel["node"].to_numpy(dtype=object))
        kind[at >= 0] = lookup["agency_type"].to_numpy(dtype=object)[at[at >= 0]]
    flagged = pd.Series(units.is_collective(sel["agency_raw"], pd.Series(kind)), dtype=bool)
    every = flagged.groupby(keys.to_numpy(dtype=object)).all()
    collective = every.reindex(pd.Index(doc + "\x1f" + agency)).fillna(False)
    out["collective"] = collective.to_numpy(dtype=bool)
    out = _comparable(out, doc)
    return out[columns]
