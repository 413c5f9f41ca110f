"""Compiled curveball chains for the null models of large corpora.

One function, :func:`curveball_chains`, runs global curveball rounds (Carstens, Berger &
Strona 2018) on a role matrix in several chains and returns their samples. It is compiled
with numba (its random numbers from a xorshift64* generator seeded through splitmix64,
so that a draw is a few instructions), so a round costs a few microseconds instead of
the few hundred of a round of numpy sorts: the null models of :mod:`agencygraph.metrics`
use it for every document of a corpus past ``settings.NULL_FULL_DOCS``
(``method == "reduced"``).

A trade of two rows pools the columns where exactly one of them has an entry and deals
the pooled entries back at random, each row keeping its count; an entry keeps its column
and its value (lead 2, support 1, responsible 3), so row and column degrees and every
column's roles are preserved. In a global round the rows are paired at random and every
pair trades once.
"""

from __future__ import annotations

import numpy as np
from numba import njit


@njit(cache=True)
def _below(state, n):  # pragma: no cover - compiled
    """A random integer in [0, n) from the xorshift64* generator ``state`` (updated)."""
    x = state[0]
    x ^= x >> np.uint64(12)
    x ^= x << np.uint64(25)
    x ^= x >> np.uint64(27)
    state[0] = x
    high = (x * np.uint64(2685821657736338717)) >> np.uint64(32)  # 32 random bits
    return np.int64((high * np.uint64(n)) >> np.uint64(32))


@njit(cache=True)
def _round(R, perm, pool, values, state):  # pragma: no cover - compiled
    k, m = R.shape
    # random pairing: Fisher-Yates shuffle of the rows
    for a in range(k - 1, 0, -1):
        b = _below(state, a + 1)
        perm[a], perm[b] = perm[b], perm[a]
    for p in range(k // 2):
        i = perm[2 * p]
        j = perm[2 * p + 1]
        n_pool = 0
        n_i = 0
        for c in range(m):
            ri = R[i, c]
            rj = R[j, c]
            if (ri != 0) != (rj != 0):
                pool[n_pool] = c
                values[n_pool] = ri + rj
                n_pool += 1
                if ri != 0:
                    n_i += 1
        if n_i == 0 or n_i == n_pool:
            continue
        # a random subset of n_i pooled columns goes to row i (partial Fisher-Yates)
        for a in range(n_pool):
            b = a + _below(state, n_pool - a)
            pool[a], pool[b] = pool[b], pool[a]
            values[a], values[b] = values[b], values[a]
        for a in range(n_pool):
            c = pool[a]
            if a < n_i:
                R[i, c] = values[a]
                R[j, c] = 0
            else:
                R[j, c] = values[a]
                R[i, c] = 0


@njit(cache=True)
def _chains(R0, n, n_chains, burn_in, thin, seed):  # pragma: no cover - compiled
    state = np.zeros(1, dtype=np.uint64)
    state[0] = np.uint64(seed) | np.uint64(1)  # xorshift needs a non-zero state
    k, m = R0.shape
    out = np.zeros((n, k, m), dtype=R0.dtype)
    perm = np.arange(k)
    pool = np.zeros(m, dtype=np.int64)
    values = np.zeros(m, dtype=R0.dtype)
    for c in range(n_chains):
        R = R0.copy()
        if k >= 2:
            for _ in range(burn_in):
                _round(R, perm, pool, values, state)
        s = c
        first = True
        while s < n:
            if not first and k >= 2:
                for _ in range(thin):
                    _round(R, perm, pool, values, state)
            out[s] = R
            first = False
            s += n_chains
    return out


def curveball_chains(
    R: np.ndarray, n: int, *, n_chains: int, burn_in: int, thin: int, seed: int
) -> np.ndarray:
    """``n`` curveball samples of the role matrix ``R``, shape ``(n, k, m)``.

    ``n_chains`` chains start from ``R``; each gives a sample after ``burn_in`` global
    rounds and then every ``thin`` rounds. Sample ``s`` comes from chain ``s % n_chains``
    (so the first draws span the chains). Deterministic for a given ``seed``.

    Examples
    --------
    >>> import numpy as np
    >>> R = np.array([[2, 1, 0], [1, 0, 2], [0, 2, 1]], dtype=np.int8)
    >>> S = curveball_chains(R, 4, n_chains=2, burn_in=5, thin=2, seed=1)
    >>> S.shape, bool(((S != 0).sum(axis=2) == (R != 0).sum(axis=1)).all())
    ((4, 3, 3), True)
    """
    R = np.ascontiguousarray(R)
    chains = max(1, min(int(n_chains), int(n)))
    # splitmix64 of the seed: nearby seeds give unrelated xorshift streams
    z = (int(seed) + 0x9E3779B97F4A7C15) % 2**64
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) % 2**64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) % 2**64
    z ^= z >> 31
    return _chains(R, int(n), chains, int(burn_in), int(thin), np.uint64(z))
