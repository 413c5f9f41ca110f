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
from llvmlite import ir
from numba import njit, types
from numba.extending import intrinsic


@intrinsic
def _trailing_zeros(typingctx, x):
    """Index of the lowest set bit of a non-zero uint64 (one instruction)."""

    def codegen(context, builder, signature, args):
        return builder.cttz(args[0], ir.Constant(ir.IntType(1), 1))

    return types.uint64(types.uint64), codegen


@intrinsic
def _ones(typingctx, x):
    """Set bits of a uint64 (one instruction)."""

    def codegen(context, builder, signature, args):
        return builder.ctpop(args[0])

    return types.uint64(types.uint64), codegen


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
def _round(R, bits, perm, pool, state, pooled, to_i):  # pragma: no cover - compiled
    k = R.shape[0]
    W = bits.shape[1]
    # random pairing: Fisher-Yates shuffle of the rows
    for a in range(k - 1, 0, -1):
        b = _below(state, a + 1)
        perm[a], perm[b] = perm[b], perm[a]
    for p in range(k // 2):
        i = perm[2 * p]
        j = perm[2 * p + 1]
        n_pool = 0
        n_i = 0
        # the columns only one of the two rows holds, from their bit sets
        for w in range(W):
            only_i = bits[i, w] & ~bits[j, w]
            x = only_i | (bits[j, w] & ~bits[i, w])
            pooled[w] = x
            n_i += np.int64(_ones(only_i))
            while x:
                pool[n_pool] = w * 64 + np.int64(_trailing_zeros(x))
                n_pool += 1
                x &= x - np.uint64(1)
        if n_i == 0 or n_i == n_pool:
            continue
        # a random subset of n_i pooled columns goes to row i (Fisher-Yates)
        for a in range(n_pool):
            b = a + _below(state, n_pool - a)
            pool[a], pool[b] = pool[b], pool[a]
        # each pooled column is written once, so its entry (its role) is still the sum of
        # the two rows' when its turn comes
        for w in range(W):
            to_i[w] = 0
        for a in range(n_pool):
            c = pool[a]
            value = R[i, c] + R[j, c]
            if a < n_i:
                R[i, c] = value
                R[j, c] = 0
                to_i[c >> 6] |= np.uint64(1) << np.uint64(c & 63)
            else:
                R[j, c] = value
                R[i, c] = 0
        for w in range(W):
            bits[i, w] = (bits[i, w] & ~pooled[w]) | to_i[w]
            bits[j, w] = (bits[j, w] & ~pooled[w]) | (pooled[w] & ~to_i[w])


@njit(cache=True)
def _chains(R0, n, n_chains, burn_in, thin, seed):  # pragma: no cover - compiled
    state = np.zeros(1, dtype=np.uint64)
    state[0] = np.uint64(seed) | np.uint64(1)  # xorshift needs a non-zero state
    k, m = R0.shape
    W = (m + 63) // 64
    out = np.zeros((n, k, m), dtype=R0.dtype)
    perm = np.arange(k)
    pool = np.zeros(m, dtype=np.int64)
    bits = np.zeros((k, max(W, 1)), dtype=np.uint64)
    pooled = np.zeros(max(W, 1), dtype=np.uint64)
    to_i = np.zeros(max(W, 1), dtype=np.uint64)
    for c in range(n_chains):
        R = R0.copy()
        bits[:, :] = 0
        for i in range(k):
            for col in range(m):
                if R[i, col] != 0:
                    bits[i, col // 64] |= np.uint64(1) << np.uint64(col % 64)
        if k >= 2:
            for _ in range(burn_in):
                _round(R, bits, perm, pool, state, pooled, to_i)
        s = c
        first = True
        while s < n:
            if not first and k >= 2:
                for _ in range(thin):
                    _round(R, bits, perm, pool, state, pooled, to_i)
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


#: The indices :func:`stack_indices` computes, in the order of its output columns (every
#: index of :data:`agencygraph.metrics.NETWORK_INDICES` but Louvain's two).
STACK_INDICES: tuple[str, ...] = (
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
)


@njit(cache=True)
def _find(parent, a):  # pragma: no cover - compiled
    while parent[a] != a:
        parent[a] = parent[parent[a]]
        a = parent[a]
    return a


@njit(cache=True)
def _stack_indices(stack, party, has_party, union, incidence):  # pragma: no cover - compiled
    S, k, m = stack.shape
    nan = np.nan
    out = np.full((S, 14), nan)
    leads = np.zeros(k)
    per_measure = np.zeros(m, dtype=np.int64)
    party_led = np.zeros(m, dtype=np.bool_)
    union_led = np.zeros(m, dtype=np.bool_)
    deg = np.zeros(k, dtype=np.int64)
    cdeg = np.zeros(m, dtype=np.int64)
    parent = np.zeros(k + m, dtype=np.int64)
    # each agency's measures and each measure's agencies as bit sets: the number of
    # measures two agencies share (and of agencies two measures share) is the popcount of
    # an AND, exactly the count a co-occurrence matrix would hold
    W = max(1, (m + 63) // 64)
    V = max(1, (k + 63) // 64)
    row_bits = np.zeros((k, W), dtype=np.uint64)
    col_bits = np.zeros((m, V), dtype=np.uint64)
    for s in range(S):
        R = stack[s]
        leads[:] = 0.0
        per_measure[:] = 0
        party_led[:] = False
        union_led[:] = False
        deg[:] = 0
        cdeg[:] = 0
        row_bits[:, :] = 0
        col_bits[:, :] = 0
        for a in range(k + m):
            parent[a] = a
        edges = 0
        for i in range(k):
            for c in range(m):
                v = R[i, c]
                if v != 0:
                    edges += 1
                    cdeg[c] += 1
                    deg[i] += 1
                    if incidence:
                        row_bits[i, c // 64] |= np.uint64(1) << np.uint64(c % 64)
                        col_bits[c, i // 64] |= np.uint64(1) << np.uint64(i % 64)
                        ra = _find(parent, i)
                        rb = _find(parent, k + c)
                        if ra != rb:
                            parent[ra] = rb
                    if v == 2:
                        leads[i] += 1.0
                        per_measure[c] += 1
                        if has_party and party[i]:
                            party_led[c] = True
                        if union[i]:
                            union_led[c] = True
        if k * m > 0:
            out[s, 0] = edges / (k * m)
        if k > 0:
            out[s, 1] = edges / k
        if m > 0:
            out[s, 2] = edges / m
        total = 0.0
        top = 0.0
        for i in range(k):
            total += leads[i]
            if leads[i] > top:
                top = leads[i]
        if total > 0:
            out[s, 3] = top / total
            hhi = 0.0
            for i in range(k):
                hhi += (leads[i] / total) ** 2
            out[s, 4] = hhi
            x = np.sort(leads)
            weighted = 0.0
            for r in range(k):
                weighted += (r + 1) * x[r]
            out[s, 5] = 2.0 * weighted / (k * total) - (k + 1) / k
        led = 0
        multi = 0
        n_party = 0
        n_union = 0
        for c in range(m):
            if per_measure[c] > 0:
                led += 1
                if per_measure[c] >= 2:
                    multi += 1
                if party_led[c]:
                    n_party += 1
                if union_led[c]:
                    n_union += 1
        if led > 0:
            if has_party:
                out[s, 6] = n_party / led
            out[s, 7] = n_union / led
            out[s, 8] = multi / led
        if not incidence:
            continue  # a role permutation keeps the incidence: its indices are the plan's
        roots = 0
        for a in range(k + m):
            if _find(parent, a) == a:
                roots += 1
        out[s, 9] = roots
        n_pairs = k * (k - 1) // 2
        shared_sum = 0.0
        jaccard_sum = 0.0
        linked = 0
        paired = 0.0
        for i in range(k):
            for j in range(i + 1, k):
                sh = 0
                for w in range(W):
                    sh += np.int64(_ones(row_bits[i, w] & row_bits[j, w]))
                shared_sum += sh
                un = deg[i] + deg[j] - sh
                if un > 0:
                    jaccard_sum += sh / un
                if sh > 0:
                    linked += 1
                low = min(deg[i], deg[j])
                if deg[i] != deg[j] and low > 0:
                    paired += 100.0 * sh / low
        if n_pairs > 0:
            out[s, 10] = shared_sum / n_pairs
            out[s, 11] = jaccard_sum / n_pairs
            out[s, 12] = linked / n_pairs
        m_pairs = m * (m - 1) // 2
        for a in range(m):
            for b in range(a + 1, m):
                low = min(cdeg[a], cdeg[b])
                if cdeg[a] != cdeg[b] and low > 0:
                    sh = 0
                    for v in range(V):
                        sh += np.int64(_ones(col_bits[a, v] & col_bits[b, v]))
                    paired += 100.0 * sh / low
        if n_pairs + m_pairs > 0:
            out[s, 13] = paired / (n_pairs + m_pairs)
    return out


def stack_indices(
    stack: np.ndarray, *, party: np.ndarray | None, union: np.ndarray, incidence: bool = True
) -> dict[str, np.ndarray]:
    """The indices of :data:`STACK_INDICES` for a stack of role matrices ``(S, k, m)``.

    The same definitions as :func:`agencygraph.metrics._index_stack` (which the
    observed values and the ``"full"`` null use), compiled and from the matrices'
    entries rather than dense products: the reduced null's statistics. Sums are taken
    in another order, so values agree to rounding (``tests/test_nulls.py`` checks).

    Examples
    --------
    >>> import numpy as np
    >>> R = np.array([[2, 1, 0], [1, 0, 2], [0, 2, 1]], dtype=np.int8)
    >>> stack_indices(R[None], party=None, union=np.zeros(3, bool))["density"].tolist()
    [0.6666666666666666]
    """
    values = stack_index_array(stack, party=party, union=union, incidence=incidence)
    return {name: values[:, i] for i, name in enumerate(STACK_INDICES)}


def stack_index_array(
    stack: np.ndarray, *, party: np.ndarray | None, union: np.ndarray, incidence: bool = True
) -> np.ndarray:
    """:func:`stack_indices` as one array ``(S, len(STACK_INDICES))``, columns in
    :data:`STACK_INDICES` order; each matrix's row depends on that matrix alone.

    ``incidence=False`` leaves ``n_components`` and the projection indices (``mean_shared``
    to ``nodf``) NaN: for role permutations of one plan, which keep its incidence and so
    those indices, only the roles' indices are worth computing."""
    stack = np.ascontiguousarray(stack)
    k = stack.shape[1]
    has_party = party is not None
    party = np.zeros(k, dtype=np.bool_) if party is None else np.asarray(party, dtype=np.bool_)
    union = np.asarray(union, dtype=np.bool_)
    return _stack_indices(stack, party, has_party, union, bool(incidence))
