"""Compiled Louvain community detection (Blondel et al. 2008) for small dense graphs.

One plan's agency projection has tens of nodes; networkx's ``louvain_communities`` spends
about 1.5 ms on one, nearly all of it in Python dictionaries. :func:`louvain` runs the
same algorithm — local moving of nodes in a random order (a node joins the neighbouring
community of largest positive modularity gain, until no node moves), then aggregation of
the communities into nodes, repeated while a level moves a node — compiled with numba on
a dense weight matrix, in microseconds, so that the network indices can take the best of
several seeds (``settings.MODULARITY_SEEDS``) on the observed plan and on every null draw.

Its gains are networkx's (``networkx.algorithms.community.louvain._one_level``: the
remove cost of a node and the gain of each neighbouring community at resolution 1; a
self-loop of an aggregated node counts twice in its degree), but its random numbers are
numba's, so a seed gives another partition than networkx's with the same seed.
``tests/test_null_effects.py`` checks the modularity against networkx's ``modularity`` of
the returned partition and the best of several seeds against the published optimum of
Zachary's karate club.
"""

from __future__ import annotations

import numpy as np
from numba import njit

#: Most local-moving sweeps of one level, and most levels, of one run. A node whose best
#: gain is rounding noise (two communities of equal gain, each computed as ~1e-18 better
#: than the other from the two sides) would otherwise flip between them forever: it did on
#: a null draw of a 1,000-plan synthetic corpus. A run that converges needs a handful of
#: sweeps, so every converging run is unchanged by the cap; a cycling one stops after it
#: (deterministically, its modularity equal to the other state's up to that noise).
MAX_SWEEPS: int = 1000


@njit(cache=True)
def _one_level(A, seed_state):  # pragma: no cover - compiled
    """Local moving on the aggregated matrix A (self-loops on the diagonal, counted twice
    in A[i, i] already); returns each node's community (renumbered 0..c-1) and whether
    any node moved."""
    n = A.shape[0]
    degree = A.sum(axis=1)
    two_m = degree.sum()
    m = two_m / 2.0
    com = np.arange(n)
    stot = degree.copy()
    order = np.random.permutation(n)
    weights = np.zeros(n)
    touched = np.zeros(n, dtype=np.int64)
    moved_any = False
    moves = 1
    sweeps = 0
    while moves > 0 and sweeps < MAX_SWEEPS:
        sweeps += 1
        moves = 0
        for idx in range(n):
            u = order[idx]
            # weights from u to each neighbouring community (self-loop excluded)
            n_touched = 0
            for v in range(n):
                if v != u and A[u, v] != 0.0:
                    c = com[v]
                    if weights[c] == 0.0:
                        touched[n_touched] = c
                        n_touched += 1
                    weights[c] += A[u, v]
            own = com[u]
            deg = degree[u]
            stot[own] -= deg
            best_gain = 0.0
            best = own
            remove_cost = -weights[own] / m + (stot[own] * deg) / (2.0 * m * m)
            for t in range(n_touched):
                c = touched[t]
                gain = remove_cost + weights[c] / m - (stot[c] * deg) / (2.0 * m * m)
                if gain > best_gain:
                    best_gain = gain
                    best = c
            stot[best] += deg
            for t in range(n_touched):
                weights[touched[t]] = 0.0
            if best != own:
                com[u] = best
                moves += 1
                moved_any = True
    # renumber communities 0..c-1 in order of first node
    label = np.full(n, -1)
    next_label = 0
    for u in range(n):
        if label[com[u]] < 0:
            label[com[u]] = next_label
            next_label += 1
    out = np.empty(n, dtype=np.int64)
    for u in range(n):
        out[u] = label[com[u]]
    return out, moved_any, next_label


@njit(cache=True)
def _louvain(W, seed):  # pragma: no cover - compiled
    np.random.seed(seed)
    k = W.shape[0]
    member = np.arange(k)  # community of each original node
    A = W.copy()
    for _level in range(MAX_SWEEPS):
        com, moved, c = _one_level(A, seed)
        if not moved:
            break
        for i in range(k):
            member[i] = com[member[i]]
        B = np.zeros((c, c))
        n = A.shape[0]
        for i in range(n):
            for j in range(n):
                B[com[i], com[j]] += A[i, j]
        A = B
        if c == 1:
            break
    return member


@njit(cache=True)
def _modularity(W, member):  # pragma: no cover - compiled
    k = W.shape[0]
    degree = W.sum(axis=1)
    two_m = degree.sum()
    c = member.max() + 1 if k else 0
    inside = np.zeros(c)
    total = np.zeros(c)
    for i in range(k):
        total[member[i]] += degree[i]
        for j in range(k):
            if member[i] == member[j]:
                inside[member[i]] += W[i, j]
    q = 0.0
    for g in range(c):
        q += inside[g] / two_m - (total[g] / two_m) ** 2
    return q


@njit(cache=True)
def _best_of(W, seeds):  # pragma: no cover - compiled
    best_member = _louvain(W, seeds[0])
    best = _modularity(W, best_member)
    worst = best
    for t in range(1, len(seeds)):
        member = _louvain(W, seeds[t])
        q = _modularity(W, member)
        if q > best:
            best, best_member = q, member
        if q < worst:
            worst = q
    return best_member, best, worst


@njit(cache=True)
def _best_of_stack(Ws, seeds):  # pragma: no cover - compiled
    S = Ws.shape[0]
    k = Ws.shape[1]
    best = np.full(S, np.nan)
    count = np.full(S, k, dtype=np.int64)  # singletons where there is no edge
    for s in range(S):
        W = Ws[s]
        if not (W > 0).any():
            continue
        member, q, _ = _best_of(W, seeds[s])
        best[s] = q
        count[s] = member.max() + 1
    return best, count


def best_louvain_stack(Ws: np.ndarray, seeds: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
    """:func:`best_louvain` of each matrix of a stack in one compiled call.

    Parameters
    ----------
    Ws : ndarray, shape (S, k, k)
        Weight matrices (as for :func:`best_louvain`).
    seeds : ndarray, shape (S, T)
        The seeds of each matrix's runs, already reduced modulo 2**32.

    Returns
    -------
    (ndarray, ndarray)
        Best modularity of each matrix (NaN without an edge) and its number of communities
        (``k`` without an edge, as the singletons :func:`best_louvain` returns); equal to
        calling :func:`best_louvain` on each, without a Python call per matrix (the null
        runs it on up to ``NULL_LOUVAIN_BUDGET`` draws).

    Examples
    --------
    >>> import numpy as np
    >>> W = np.kron(np.eye(2), np.ones((3, 3))) - np.eye(6)
    >>> q, c = best_louvain_stack(np.stack([W, np.zeros((6, 6))]), np.array([[1, 2], [1, 2]]))
    >>> q.round(3).tolist(), c.tolist()
    ([0.5, nan], [2, 6])
    """
    Ws = np.ascontiguousarray(Ws, dtype=np.float64)
    seeds = np.ascontiguousarray(seeds, dtype=np.int64)
    if Ws.shape[0] == 0 or Ws.shape[1] == 0:
        return np.full(Ws.shape[0], np.nan), np.zeros(Ws.shape[0], dtype=np.int64)
    return _best_of_stack(Ws, seeds)


def best_louvain(W: np.ndarray, seeds) -> tuple[np.ndarray, float, float]:
    """The partition of highest modularity over seeded :func:`louvain` runs (the first seed
    reaching it), its modularity and the lowest modularity over the seeds (NaN, NaN and
    singletons when W has no edge).

    Examples
    --------
    >>> import numpy as np
    >>> W = np.kron(np.eye(2), np.ones((3, 3))) - np.eye(6)
    >>> member, best, worst = best_louvain(W, [1, 2, 3])
    >>> member.tolist(), round(best, 3), round(worst, 3)
    ([0, 0, 0, 1, 1, 1], 0.5, 0.5)
    """
    W = np.ascontiguousarray(W, dtype=np.float64)
    k = len(W)
    if k == 0 or not (W > 0).any():
        return np.arange(k, dtype=np.int64), float("nan"), float("nan")
    seeds = np.asarray([int(s) % (2**32) for s in seeds], dtype=np.int64)
    member, best, worst = _best_of(W, seeds)
    return member, float(best), float(worst)


def louvain(W: np.ndarray, seed: int) -> tuple[np.ndarray, float]:
    """A seeded Louvain partition of the symmetric weight matrix ``W`` and its modularity.

    Parameters
    ----------
    W : ndarray, shape (k, k)
        Non-negative symmetric weights, zero diagonal.
    seed : int
        Seed of the node order (numba's generator); the same seed gives the same partition.

    Returns
    -------
    (ndarray, float)
        Community of each node (numbered 0.. in order of first node) and the Newman–Girvan
        modularity of the partition (NaN when W has no edge).

    Examples
    --------
    >>> import numpy as np
    >>> W = np.kron(np.eye(2), np.ones((3, 3))) - np.eye(6)  # two triangles
    >>> member, q = louvain(W, seed=1)
    >>> member.tolist(), round(q, 3)
    ([0, 0, 0, 1, 1, 1], 0.5)
    """
    W = np.ascontiguousarray(W, dtype=np.float64)
    k = len(W)
    if k == 0 or not (W > 0).any():
        return np.arange(k, dtype=np.int64), float("nan")
    member = _louvain(W, int(seed) % (2**32))
    return member, float(_modularity(W, member))
