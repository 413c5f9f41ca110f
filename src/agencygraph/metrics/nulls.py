"""Null models: each plan's statistics against degree-preserving randomisations.

The curveball null of :func:`network_indices_with_null` (numpy chains up to
:data:`agencygraph.settings.NULL_FULL_DOCS` plans, the compiled sampler of
:mod:`agencygraph._curveball` past it, under a smooth budget: every plan gets a null), the
role-shuffle null and :func:`null_model_zscores` for any statistic of a role matrix.
"""

from __future__ import annotations

import zlib
from collections.abc import Callable, Iterable, Iterator, Mapping, Sequence

import numpy as np
import pandas as pd
import scipy.sparse as sp
from numba import njit
from scipy.sparse.csgraph import connected_components
from scipy.special import comb

from agencygraph import settings, units
from agencygraph._curveball import curveball_chains, stack_indices
from agencygraph.graph import (
    ROLES,
)
from agencygraph.metrics._roles import role_matrices
from agencygraph.metrics.indices import (
    NETWORK_INDICES,
    _agency_lookup,
    _check_projection,
    _index_stack,
    _louvain_stack,
    _masks,
)


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


# The chain schedule below is set from the mixing check of ``benchmarks/mixing.py`` (16
# plans: 13 synthetic and the 3 bundled plans with assignments; numbers in
# ``benchmarks/RESULTS.md`` and ``docs/methods.md`` section 4). The curveball serves the
# incidence indices (Jaccard, projection density, NODF, components, modularity), which
# forget their start within 10 rounds on most plans (NODF on one plan in 20: ~230) and
# have an integrated autocorrelation time of at most 16 rounds; the lead statistics, when
# they are given the curveball too (``lead_null="curveball"``), need 65–130 rounds of
# burn-in at the median (up to 500) and 11–40 rounds per effective draw (up to 190).

#: Curveball rounds before a chain's first sample in :func:`network_indices_with_null`
#: (incidence indices: beyond the 95th percentile of the measured burn-in, 230).
NULL_BURN_IN: int = 300
#: Curveball rounds between two samples of one chain in :func:`network_indices_with_null`
#: (ESS per draw ≥ 0.78 for every incidence index on 95 % of plans).
NULL_THIN: int = 20
#: Curveball chains run side by side in :func:`network_indices_with_null`.
NULL_CHAINS: int = 100
#: Chains per document when the null runs under the budget (``method == "reduced"``), on
#: the compiled sampler (:mod:`agencygraph._curveball`): each burns in for
#: :data:`NULL_BURN_IN` rounds, then gives a sample every :data:`NULL_REDUCED_THIN` rounds,
#: ``chains × NULL_BURN_IN + (n − chains) × NULL_REDUCED_THIN`` rounds in all.
NULL_REDUCED_CHAINS: int = 2
#: Rounds between two samples of one chain under the budget (ESS per draw ≥ 0.74 for
#: every incidence index on 95 % of plans, ≥ 0.91 at the median).
NULL_REDUCED_THIN: int = 10
#: Burn-in and thinning of every chain when the lead statistics take the curveball
#: (``lead_null="curveball"``): the largest measured lead burn-in (500 rounds; 360 at the
#: 95th percentile) and an ESS per draw of 0.82–0.91 at the median (0.50–0.72 on
#: 95 % of plans) for the lead statistics; the ``ess`` column reports the rest.
NULL_LEAD_BURN_IN: int = 500
NULL_LEAD_THIN: int = 40
#: Values of the ``method`` column of the null-model tables.
NULL_METHODS: tuple[str, ...] = ("full", "reduced", "skipped")


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


#: Indices of :data:`NETWORK_INDICES` that depend on who leads: the ``lead_null`` of
#: :func:`network_indices_with_null` applies to them (every other index keeps the curveball).
LEAD_INDICES: tuple[str, ...] = (
    "lead_top_share",
    "lead_hhi",
    "lead_gini",
    "party_lead_share",
    "union_lead_share",
    "multi_lead_share",
)

#: Nulls of the lead indices (``lead_null=``): ``"role_permutation"`` keeps the incidence
#: and permutes each measure's roles among its agencies (exact moments where they have a
#: closed form); ``"curveball"`` randomises the incidence, each entry carrying its role.
LEAD_NULLS: tuple[str, ...] = ("role_permutation", "curveball")


def _role_permutation_stack(R: np.ndarray, n: int, rng: np.random.Generator) -> np.ndarray:
    """``n`` independent role permutations of R, shape ``(n, k, m)``: each measure's roles
    permuted uniformly among its agencies (the incidence kept)."""
    cols, rows = np.nonzero(R.T)  # entries grouped by measure, in column order
    values = R.T[cols, rows]
    out = np.zeros((n, *R.shape), dtype=R.dtype)
    if not len(cols):
        return out
    # sorting column + U(0, 1) keys permutes the entries within each column
    keys = cols[None, :] + rng.random((n, len(cols)))
    if _permute_by_keys(keys, cols, rows, values, out):
        return out
    # two keys rounded to one float: numpy's sort decides their order, as it always did
    order = np.argsort(keys, axis=1)
    s = np.repeat(np.arange(n), len(cols))
    out[s, np.tile(rows, n), np.tile(cols, n)] = values[order].ravel()
    return out


@njit(cache=True)
def _permute_by_keys(keys, cols, rows, values, out):  # pragma: no cover - compiled
    """Fill ``out`` as ``values[argsort(keys[d])]`` placed at (rows, cols), sorting each
    column's few keys apart; False (``out`` unusable) if two keys are equal, where only
    numpy's own sort gives its order."""
    n, e = keys.shape
    starts = np.zeros(e + 1, dtype=np.int64)
    groups = 0
    for t in range(1, e):
        if cols[t] != cols[t - 1]:
            groups += 1
            starts[groups] = t
    groups += 1
    starts[groups] = e
    order = np.zeros(e, dtype=np.int64)
    for d in range(n):
        for g in range(groups):
            # insertion sort: a measure has a few agencies
            a, b = starts[g], starts[g + 1]
            for t in range(a, b):
                key = keys[d, t]
                u = t
                while u > a and keys[d, order[u - 1]] > key:
                    order[u] = order[u - 1]
                    u -= 1
                order[u] = t
        for t in range(e - 1):
            if not keys[d, order[t]] < keys[d, order[t + 1]]:
                return False
        for t in range(e):
            out[d, rows[t], cols[t]] = values[order[t]]
    return True


@njit(cache=True)
def _square_sum_moments(start, members, leads, k):  # pragma: no cover - compiled
    """E[S] and E[S²] of S = Σ_i L_i², L_i the leads of agency i under role permutation.

    Measures are independent; within measure j a uniform ``leads[j]``-subset of its
    ``members`` leads (X_ij binary, so X^a X^b = X X). Adding one measure's X to L updates
    the moment matrices M1 = E[L_i], M11 = E[L_i L_k], M21 = E[L_i² L_k], M22 = E[L_i² L_k²]
    by expanding (L + X)^2 products with X independent of L.
    """
    M1 = np.zeros(k)
    M11 = np.zeros((k, k))
    M21 = np.zeros((k, k))
    M22 = np.zeros((k, k))
    e1 = np.zeros(k)
    for j in range(len(start) - 1):
        a, b = start[j], start[j + 1]
        d = b - a
        ell = leads[j]
        if ell == 0 or d == 0:
            continue
        p = ell / d
        q = ell * (ell - 1) / (d * (d - 1)) if d > 1 else 0.0
        e1[:] = 0.0
        inside = np.zeros(k, dtype=np.bool_)
        for t in range(a, b):
            e1[members[t]] = p
            inside[members[t]] = True
        M2 = np.empty(k)
        for i in range(k):
            M2[i] = M11[i, i]
        n22 = np.empty((k, k))
        n21 = np.empty((k, k))
        n11 = np.empty((k, k))
        for i in range(k):
            for c in range(k):
                if i == c:
                    e11 = e1[i]
                elif inside[i] and inside[c]:
                    e11 = q
                else:
                    e11 = 0.0
                n22[i, c] = (
                    M22[i, c]
                    + 2.0 * M21[i, c] * e1[c]
                    + M2[i] * e1[c]
                    + 2.0 * M21[c, i] * e1[i]
                    + 4.0 * M11[i, c] * e11
                    + 2.0 * M1[i] * e11
                    + M2[c] * e1[i]
                    + 2.0 * M1[c] * e11
                    + e11
                )
                n21[i, c] = (
                    M21[i, c]
                    + M2[i] * e1[c]
                    + 2.0 * M11[i, c] * e1[i]
                    + 2.0 * M1[i] * e11
                    + M1[c] * e1[i]
                    + e11
                )
                n11[i, c] = M11[i, c] + M1[i] * e1[c] + M1[c] * e1[i] + e11
        M22 = n22
        M21 = n21
        M11 = n11
        for i in range(k):
            M1[i] += e1[i]
    first = 0.0
    for i in range(k):
        first += M11[i, i]
    return first, M22.sum()


def role_permutation_moments(
    R: np.ndarray, *, party: np.ndarray | None = None, union: np.ndarray | None = None
) -> dict[str, tuple[float, float]]:
    r"""Exact null mean and sd of lead statistics under the role permutation.

    The role-permutation null keeps the incidence (who takes part in which
    measure) and, independently for each measure *j* with :math:`d_j`
    agencies of which :math:`\ell_j` lead, makes a uniformly random
    :math:`\ell_j`-subset of them its leads. With :math:`L_i` agency *i*'s
    leads and :math:`T = \sum_j \ell_j` (fixed):

    - ``lead_hhi`` :math:`= \sum_i L_i^2 / T^2`: mean and variance from
      :math:`E[\sum_i L_i^2]` and :math:`E[(\sum_i L_i^2)^2]`, accumulated
      measure by measure (measures are independent; within a measure
      :math:`E[X_{ij}] = \ell_j/d_j` and
      :math:`E[X_{ij}X_{kj}] = \ell_j(\ell_j-1)/(d_j(d_j-1))`);
    - ``party_lead_share``, ``union_lead_share``: the number of led measures
      with at least one lead in the group is a sum of independent Bernoulli
      variables with :math:`P = 1 - inom{d_j - g_j}{\ell_j}/inom{d_j}{\ell_j}`
      (:math:`g_j` group members among the measure's agencies), over the
      :math:`M_L` led measures;
    - ``multi_lead_share``: unchanged (sd 0).

    ``lead_top_share`` and ``lead_gini`` (a maximum and an order statistic)
    have no closed form here; they are sampled from the same null.

    Parameters
    ----------
    R : ndarray
        Role matrix (0 none, 1 support, 2 lead, 3 responsible kept apart).
    party, union : bool arrays over the rows, optional

    Returns
    -------
    dict
        statistic → (mean, sd); NaN where the statistic is undefined.

    Examples
    --------
    >>> import numpy as np
    >>> R = np.array([[2, 2], [1, 0], [0, 1]], dtype=np.int8)
    >>> m, sd = role_permutation_moments(R)["lead_hhi"]
    >>> round(m, 4), round(sd, 4)  # L = (2,0,0), (1,1,0), (1,0,1) or (0,1,1), 1/4 each
    (0.625, 0.2165)
    """
    R = np.asarray(R)
    k = R.shape[0]
    nz = R != 0
    lead = R == 2
    d = nz.sum(axis=0)
    ell = lead.sum(axis=0)
    total = float(ell.sum())
    led = ell > 0
    n_led = int(led.sum())
    nan = (float("nan"), float("nan"))
    out: dict[str, tuple[float, float]] = {}
    if total > 0:
        _, rows = np.nonzero(nz.T)  # members of each measure, measure by measure
        start = np.r_[0, np.cumsum(d)].astype(np.int64)
        first, second = _square_sum_moments(start, rows.astype(np.int64), ell.astype(np.int64), k)
        var = max(0.0, second - first * first)
        out["lead_hhi"] = (first / total**2, float(np.sqrt(var)) / total**2)
    else:
        out["lead_hhi"] = nan
    for name, mask in (("party_lead_share", party), ("union_lead_share", union)):
        if mask is None or not n_led:
            out[name] = nan
            continue
        g = (nz & np.asarray(mask, dtype=bool)[:, None]).sum(axis=0)
        none = comb(d - g, ell, exact=False) / comb(d, ell, exact=False)
        q = np.where(led, 1.0 - none, 0.0)
        out[name] = (float(q.sum()) / n_led, float(np.sqrt((q * (1 - q)).sum())) / n_led)
    if n_led:
        share = float((ell >= 2).sum()) / n_led
        out["multi_lead_share"] = (share, 0.0)
    else:
        out["multi_lead_share"] = nan
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
    if null in ("roles", "role_permutation"):
        for _ in range(n):
            yield _shuffle_roles(R, rng=rng)
    elif null == "curveball":
        steps = 5 * R.shape[0] if n_trades is None else int(n_trades)
        state = _curveball(R.copy(), rng=rng, n_trades=steps)
        for _ in range(n):
            state = _curveball(state, rng=rng, n_trades=steps)
            yield state.copy()
    else:
        raise ValueError(f"null must be 'curveball' or 'role_permutation' ('roles'), got {null!r}")


def effective_sample_size(draws: np.ndarray) -> float:
    r"""Effective sample size of Markov-chain draws, from their autocorrelation.

    ``draws`` has shape ``(n, chains)`` (one column per chain, in chain
    order) or ``(n,)`` for one chain. With :math:`N` draws in each of
    :math:`M` chains, :math:`W` the mean within-chain variance, :math:`B/N`
    the variance of the chain means and :math:`\hat\gamma_{t,m}` the
    lag-:math:`t` autocovariance of chain :math:`m`, the pooled
    autocorrelation is (Gelman et al. 2013, ch. 11; Vehtari et al. 2021)

    .. math::
        \hat\rho_t = 1 - \frac{W - \overline{\hat\gamma_{t}}}{\widehat{\operatorname{var}}^+},
        \qquad \widehat{\operatorname{var}}^+ = \frac{N-1}{N}W + \frac{B}{N},

    and the integrated autocorrelation time
    :math:`\hat\tau = -1 + 2\sum_{k=0}^{K} (\hat\rho_{2k} + \hat\rho_{2k+1})`
    is summed over Geyer's (1992) initial positive sequence (pairs summed
    while positive, made monotone). ESS :math:`= NM/\hat\tau`, capped at
    :math:`NM` (antithetic chains are not credited). The between-chain term
    lowers the ESS of chains that have not forgotten their common start.
    Chains of fewer than 4 draws give :math:`NM` (too short to estimate an
    autocorrelation: draws of distinct chains after the burn-in are
    independent). A constant series gives :math:`NM`.

    Examples
    --------
    >>> import numpy as np
    >>> rng = np.random.default_rng(0)
    >>> x = np.zeros(20000)
    >>> for t in range(1, len(x)):  # AR(1), rho = 0.5: ESS about n / 3
    ...     x[t] = 0.5 * x[t - 1] + rng.normal()
    >>> round(effective_sample_size(x) / len(x), 2)  # 1/3 within its sampling error
    0.32

    References
    ----------
    C. J. Geyer, "Practical Markov chain Monte Carlo", Statistical Science 7
    (1992) 473–483.
    A. Vehtari, A. Gelman, D. Simpson, B. Carpenter and P.-C. Bürkner,
    "Rank-normalization, folding, and localization: an improved R-hat for
    assessing convergence of MCMC", Bayesian Analysis 16 (2021) 667–718.
    """
    x = np.asarray(draws, dtype=float)
    if x.ndim == 1:
        x = x[:, None]
    N, M = x.shape
    total = float(N * M)
    if N < 4:
        return total
    means = x.mean(axis=0)
    centred = x - means
    f = np.fft.rfft(centred, n=2 * N, axis=0)
    acov = np.fft.irfft(f * np.conj(f), n=2 * N, axis=0)[:N] / N  # biased, per chain
    W = float(acov[0].mean()) * N / (N - 1)
    between = float(means.var(ddof=1)) if M > 1 else 0.0
    var_plus = W * (N - 1) / N + between
    if not var_plus > 1e-300:
        return total
    rho = 1.0 - (W - acov.mean(axis=1)) / var_plus
    rho[0] = 1.0
    half = N // 2
    pairs = rho[0 : 2 * half : 2] + rho[1 : 2 * half : 2]
    stop = np.flatnonzero(~(pairs > 0))
    pairs = pairs[: stop[0] if len(stop) else half]
    if not len(pairs):
        return total
    tau = -1.0 + 2.0 * float(np.minimum.accumulate(pairs).sum())
    return float(min(total, total / tau)) if tau > 0 else total


def _ess_of(values: np.ndarray, chains: int) -> float:
    """ESS of draws laid out chain-fastest (draw s from chain ``s % chains``)."""
    size = len(values)
    if size == 0:
        return 0.0
    if chains <= 1:
        return effective_sample_size(values)
    if size <= chains:
        return float(size)  # one draw per chain: independent chains
    rows = size // chains
    used = values[: rows * chains].reshape(rows, chains)
    return effective_sample_size(used) * size / (rows * chains)


def _summarise(
    observed: float,
    draws: np.ndarray,
    *,
    chains: int = 1,
    independent: bool = False,
    exact: tuple[float, float] | None = None,
) -> dict[str, float]:
    """Null mean, sd, z, empirical tails and their Monte Carlo errors.

    ``draws`` in chain-fastest order from ``chains`` chains (see
    :func:`_ess_of`); ``independent`` draws (an exact sampler) have ESS
    ``n``. ``exact`` gives the null's mean and sd in closed form (their
    Monte Carlo errors are then 0; the tails still come from the draws).
    """
    finite = draws[np.isfinite(draws)]
    n = len(finite)
    if exact is not None:
        mean, sd = float(exact[0]), float(exact[1])
    else:
        mean = float(finite.mean()) if n else float("nan")
        sd = float(finite.std(ddof=1)) if n > 1 else float("nan")
    if sd <= 1e-12 * max(1.0, abs(mean)):
        sd = 0.0  # rounding noise of a statistic the null leaves unchanged
    z = (observed - mean) / sd if np.isfinite(observed) and sd > 0 else float("nan")
    # Tolerance so that float noise in a tie still counts as a tie.
    eps = 1e-12 * max(1.0, abs(observed)) if np.isfinite(observed) else 0.0
    p_greater = float((1 + (finite >= observed - eps).sum()) / (n + 1))
    p_less = float((1 + (finite <= observed + eps).sum()) / (n + 1))
    # NaN draws (Louvain past its budget) are a tail of the chain-fastest order, so the
    # finite ones keep their chain layout
    ess = float(n) if independent or sd == 0.0 else _ess_of(finite, chains)
    mcse_mean = mcse_z = float("nan")
    if exact is not None:
        mcse_mean, mcse_z = 0.0, (0.0 if np.isfinite(z) else float("nan"))
    elif n > 1 and ess > 0:
        mcse_mean = sd / np.sqrt(ess)
        if np.isfinite(z):
            # delta method for (obs - mean) / sd with the draws' skewness and kurtosis
            c = (finite - mean) / sd
            skew, kurt = float((c**3).mean()), float((c**4).mean())
            var_z = max(0.0, 1.0 + z * skew + z * z * (kurt - 1.0) / 4.0) / ess
            mcse_z = float(np.sqrt(var_z))
    tail = min(p_greater, p_less)
    mcse_p = float(np.sqrt(tail * (1.0 - tail) / ess)) if n and ess > 0 else float("nan")
    ratio = observed / mean if np.isfinite(observed) and abs(mean) > 1e-300 else float("nan")
    return {
        "observed": float(observed),
        "null_mean": mean,
        "null_sd": sd,
        "z": float(z),
        "p_greater": p_greater,
        "p_less": p_less,
        "n_samples": n,
        "ratio": float(ratio),
        "relative_effect": float(ratio - 1.0),
        "ess": float(ess),
        "mcse_mean": float(mcse_mean),
        "mcse_z": float(mcse_z),
        "mcse_p": mcse_p,
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
    responsible: str | None = None,
    measures: pd.DataFrame | None = None,
    unit: str = "row",
    collectives: str = "keep",
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
    - ``null="role_permutation"`` (or ``"roles"``): the incidence is kept
      and the roles of each measure are permuted among its agencies,
      independently per sample (an exact sampler: ``ess`` equals
      ``n_samples``). Use it for lead concentration (``lead_hhi``,
      ``lead_top_share``), which a degree-preserving randomisation of the
      lead incidence alone would leave unchanged.

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
    null : {"curveball", "role_permutation", "roles"}
    n_trades : int, optional
        Curveball trades between kept samples (and of the burn-in); default
        five per agency.
    docs, roles, inherited
        The selection, as in :func:`agencygraph.graph.bipartite_graph`.
    unit, collectives, measures
        The unit of analysis and collective actors (:mod:`agencygraph.units`):
        ``unit="row"`` (default, as coded) or ``"task"`` (rows of one task merged; needs
        ``measures``), ``collectives="keep"`` (default) or ``"drop"``.
        ``inherited="weight"`` is refused: this statistic counts each assignment
        as present or absent.

    Returns
    -------
    DataFrame
        ``doc_id, statistic, null, observed, null_mean, null_sd, z,
        p_greater, p_less, n_samples, ratio, relative_effect, ess, mcse_mean,
        mcse_z, mcse_p``, sorted by ``doc_id`` then statistic in the order
        given: ``ratio`` = observed / null mean and ``relative_effect`` =
        (observed − null mean) / null mean (size-free effects), ``ess`` the
        effective sample size of the draws (:func:`effective_sample_size`;
        the curveball's one chain is autocorrelated), ``mcse_*`` the Monte
        Carlo standard errors of the null mean, of z and of the smaller
        one-sided p (see :func:`network_indices_with_null`).

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
    assignments, measures = units.prepare(
        assignments,
        measures,
        unit=unit,
        inherited=inherited,
        collectives=collectives,
        statistic="null_model_zscores",
    )
    n = settings.NULL_SAMPLES if n is None else int(n)
    seed = settings.SEED if seed is None else int(seed)
    if n < 1:
        raise ValueError("n must be at least 1")
    stats = _statistics(statistic)
    records = []
    mats = role_matrices(
        assignments, docs=docs, roles=roles, inherited=inherited, responsible=responsible
    )
    for doc, (R, _, _) in mats.items():
        draws = np.empty((n, len(stats)))
        rng = _doc_rng(seed, doc)
        for s, sample in enumerate(null_samples(R, n=n, null=null, rng=rng, n_trades=n_trades)):
            draws[s] = [f(sample) for _, f in stats]
        for c, (name, f) in enumerate(stats):
            summary = _summarise(float(f(R)), draws[:, c], independent=null != "curveball")
            records.append({"doc_id": doc, "statistic": name, "null": null} | summary)
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
        *_EFFECT_COLUMNS,
    ]
    return pd.DataFrame.from_records(records, columns=columns)


#: Effect-size and Monte Carlo columns of every null table, after the columns it had.
_EFFECT_COLUMNS = ["ratio", "relative_effect", "ess", "mcse_mean", "mcse_z", "mcse_p"]


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

    Every document gets ``min(n, max(NULL_MIN_SAMPLES, budget // n_docs))``
    samples (``"full"`` when that is ``n``, else ``"reduced"``); the default
    budget is ``NULL_FULL_DOCS × n``, so up to
    :data:`agencygraph.settings.NULL_FULL_DOCS` documents get ``n`` each and
    past it the samples per document fall smoothly (no step in the total
    cost) down to :data:`agencygraph.settings.NULL_MIN_SAMPLES`, after which
    the cost grows linearly. No document is left out. Deterministic: never
    depends on wall time. (``seed`` is unused, kept for the callers' sake.)
    """
    docs = sorted(docs)
    if not docs:
        return {}
    if budget is None:
        budget = settings.NULL_BUDGET
    if budget is None:
        budget = settings.NULL_FULL_DOCS * n
    per = min(n, max(settings.NULL_MIN_SAMPLES, int(budget) // len(docs)))
    method = "full" if per == n else "reduced"
    return {d: (per, method) for d in docs}


def _louvain_draws(n_docs: int, samples: int) -> int:
    """Null draws per document on which Louvain runs (0: its two indices are skipped)."""
    each = settings.NULL_LOUVAIN_BUDGET // max(1, n_docs)
    return min(samples, each) if each >= settings.NULL_LOUVAIN_SAMPLES else 0


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
    responsible: str | None = None,
    unit: str = "row",
    collectives: str = "keep",
    lead_null: str | None = None,
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
    measure changes hands), hence the longer schedule when they take the
    curveball (``lead_null="curveball"``).

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
    than ``n``; default budget ``NULL_FULL_DOCS × n``, so the total cost
    has no step). Past the threshold every document's draws come from the
    compiled sampler of :mod:`agencygraph._curveball` (its statistics
    compiled too) on :data:`NULL_REDUCED_CHAINS` chains
    (unless ``n_chains`` is given), ``burn_in`` rounds and then a sample
    every :data:`NULL_REDUCED_THIN` rounds (unless ``thin`` is given; the
    mixing check behind it is ``benchmarks/mixing.py``). Every document
    gets a null. The Louvain indices (``modularity``, ``n_communities``)
    are recomputed on at most
    ``settings.NULL_LOUVAIN_BUDGET // n_docs`` draws per document (their
    ``n_samples`` says how many); where that is below
    :data:`agencygraph.settings.NULL_LOUVAIN_SAMPLES` their two rows are
    ``"skipped"`` (``n_samples`` 0, NaN null statistics, z and p).

    Lead statistics (:data:`LEAD_INDICES`) take the null named by
    ``lead_null`` (default :data:`agencygraph.settings.LEAD_NULL`,
    ``"role_permutation"``): the incidence is kept and each measure's roles
    are permuted among its agencies, so the question is whether leading is
    more concentrated than the plan's own participation implies. Its mean
    and sd are exact for ``lead_hhi``, ``party_lead_share``,
    ``union_lead_share`` and ``multi_lead_share``
    (:func:`role_permutation_moments`; ``moments == "exact"``); the tails
    (p-values) and ``lead_top_share`` and ``lead_gini`` come from ``n``
    independent permutations (``moments == "sampled"``, ``ess`` = ``n``).
    ``lead_null="curveball"`` gives the lead rows the curveball null of the
    other indices (each entry moves with its role). The ``null`` column
    names the null of each row.

    Effect sizes. Beside ``z`` (the standardised effect
    :math:`(s_{obs} - \bar s_{null})/\operatorname{sd}(s_{null})`, which
    grows with plan size for a fixed departure) each row has the size-free
    effects ``ratio`` :math:`= s_{obs}/\bar s_{null}` and
    ``relative_effect`` :math:`= (s_{obs} - \bar s_{null})/\bar s_{null}`
    (NaN where the null mean is 0): compare plans of different sizes by
    these, not by z.

    Monte Carlo error. The draws of one chain are autocorrelated; ``ess``
    is their effective sample size (:func:`effective_sample_size`: Geyer's
    initial positive sequence over the chains, pooled with the
    between-chain variance; chain layout as sampled), and

    .. math::
        \mathrm{mcse\_mean} = \frac{\operatorname{sd}}{\sqrt{\mathrm{ESS}}},\quad
        \mathrm{mcse\_z} = \sqrt{\frac{1 + z\gamma + z^2(\kappa - 1)/4}{\mathrm{ESS}}},\quad
        \mathrm{mcse\_p} = 2\sqrt{\frac{p_t(1-p_t)}{\mathrm{ESS}}}

    (delta method for z with the draws' skewness :math:`\gamma` and
    kurtosis :math:`\kappa`, :math:`\sqrt{(1 + z^2/2)/\mathrm{ESS}}` for
    normal draws; :math:`p_t` the smaller one-sided tail of the two-sided
    ``p_value``). Exact moments have ``mcse_mean`` and ``mcse_z`` 0. The
    burn-in and thinning are set from the mixing check of
    ``benchmarks/mixing.py`` (``docs/methods.md`` section 4); ``ess``
    shows what they achieved on each plan and index.

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
        Curveball schedule; defaults :data:`NULL_BURN_IN` (300 rounds),
        :data:`NULL_THIN` (20) and :data:`NULL_CHAINS` (100), or
        :data:`NULL_LEAD_BURN_IN` (500) and :data:`NULL_LEAD_THIN` (40) with
        ``lead_null="curveball"`` (from the mixing check).
    docs, roles, inherited, measures, projection
        As in :func:`network_indices`.
    budget : int, optional
        Document × sample budget past ``NULL_FULL_DOCS`` documents; default
        :data:`agencygraph.settings.NULL_BUDGET`.
    unit, collectives
        The unit of analysis and collective actors (:mod:`agencygraph.units`):
        ``unit="row"`` (default, as coded) or ``"task"`` (rows of one task merged; needs
        ``measures``), ``collectives="keep"`` (default) or ``"drop"``.
        ``inherited="weight"`` is refused: this statistic counts each assignment
        as present or absent.
    lead_null : {"role_permutation", "curveball"}, optional
        Null of the lead statistics; default
        :data:`agencygraph.settings.LEAD_NULL`.

    Returns
    -------
    DataFrame
        Long and tidy: ``doc_id, index, observed, null_mean, null_sd, z,
        p_value, p_greater, p_less, n_samples, method, null, moments, ratio,
        relative_effect, ess, mcse_mean, mcse_z, mcse_p``, sorted by
        ``doc_id`` then index in the order of :data:`NETWORK_INDICES`.
        ``method`` is ``"full"``, ``"reduced"`` or (Louvain's rows only,
        past the Louvain budget) ``"skipped"`` (see Budget above); ``null``
        ``"curveball"`` or ``"role_permutation"``; ``moments`` ``"exact"``
        or ``"sampled"``.

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
    >>> row = t.loc["lead_hhi"]  # exact role-permutation moments; observed 1
    >>> row["null"], row["moments"], float(row["null_mean"]), float(row["ratio"])
    ('role_permutation', 'exact', 0.625, 1.6)
    """
    assignments, measures = units.prepare(
        assignments,
        measures,
        unit=unit,
        inherited=inherited,
        collectives=collectives,
        statistic="network_indices_with_null",
    )
    _check_projection(projection)
    n = settings.NULL_SAMPLES if n is None else int(n)
    seed = settings.SEED if seed is None else int(seed)
    if n < 1:
        raise ValueError("n must be at least 1")
    mats = role_matrices(
        assignments,
        docs=docs,
        roles=roles,
        inherited=inherited,
        measures=measures,
        responsible=responsible,
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
        lead_null=lead_null,
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
    "null",
    "moments",
    *_EFFECT_COLUMNS,
]


def _check_lead_null(lead_null: str | None) -> str:
    lead_null = settings.LEAD_NULL if lead_null is None else lead_null
    if lead_null not in LEAD_NULLS:
        raise ValueError(f"lead_null must be one of {LEAD_NULLS}, got {lead_null!r}")
    return lead_null


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
    lead_null: str | None = None,
    plan_docs: Sequence[str] | None = None,
) -> pd.DataFrame:
    """The long null table of :func:`network_indices_with_null` from role matrices.

    ``plan_docs``: the documents the budget is shared by, where ``mats`` holds only some of
    them (a second null for the plans another unit of analysis changes); default ``mats``.

    ``observed_values`` (doc → index → value, as :func:`network_indices`
    gives them) saves recomputing the observed indices; None computes them.
    """
    lead_null = _check_lead_null(lead_null)
    slow = lead_null == "curveball"  # lead statistics mix slowly (module comment above)
    default_burn_in = NULL_LEAD_BURN_IN if slow else NULL_BURN_IN
    chain_options = {
        "burn_in": default_burn_in if burn_in is None else int(burn_in),
        "thin": (NULL_LEAD_THIN if slow else NULL_THIN) if thin is None else int(thin),
        "n_chains": NULL_CHAINS if n_chains is None else int(n_chains),
    }
    if chain_options["burn_in"] < 0 or min(chain_options["thin"], chain_options["n_chains"]) < 1:
        raise ValueError("burn_in must be at least 0, thin and n_chains at least 1")
    planned = list(mats) if plan_docs is None else list(plan_docs)
    plan = _null_plan(planned, n=n, seed=seed, budget=budget)
    reduced_options = {
        "n_chains": NULL_REDUCED_CHAINS if n_chains is None else int(n_chains),
        "burn_in": chain_options["burn_in"],
        "thin": (NULL_LEAD_THIN if slow else NULL_REDUCED_THIN) if thin is None else int(thin),
    }
    # Past NULL_FULL_DOCS documents every null runs on the compiled sampler (a few ms per
    # document); small corpora keep the numpy chains, whose draws the tests pin down.
    compiled = len(planned) > settings.NULL_FULL_DOCS
    by_roles = set(LEAD_INDICES) if lead_null == "role_permutation" else set()
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
        louvain_left = _louvain_draws(len(planned), samples)
        no_louvain = samples > 0 and louvain_left == 0
        rng = _doc_rng(seed, doc)
        options = chain_options if not compiled else reduced_options
        chains = max(1, min(options["n_chains"], samples))
        if samples and not compiled:
            for stack in _curveball_samples(R, samples, rng=rng, **chain_options):
                seeds = rng.integers(0, 2**31 - 1, size=len(stack))
                values = _index_stack(stack, seeds=seeds, louvain=louvain_left, **context)
                louvain_left = max(0, louvain_left - len(stack))
                for name, value in values.items():
                    draws[name].append(value)
        elif samples:
            stack = curveball_chains(
                R, samples, seed=int(rng.integers(0, 2**63 - 1)), **reduced_options
            )
            seeds = rng.integers(0, 2**31 - 1, size=len(stack))
            for name, value in stack_indices(stack, party=party, union=union).items():
                draws[name].append(value)
            q, c = _louvain_stack(stack[:louvain_left] != 0, seeds[:louvain_left], projection)
            draws["modularity"].append(q.astype(float))
            draws["n_communities"].append(c.astype(float))
        exact: dict[str, tuple[float, float]] = {}
        if by_roles and samples:
            # its own stream, so the curveball draws of the other indices do not move
            role_rng = np.random.default_rng([seed, zlib.crc32(doc.encode("utf-8")), 2])
            permuted = _role_permutation_stack(R, samples, role_rng)
            lead_values = stack_indices(permuted, party=party, union=union, incidence=False)
            for name, value in lead_values.items():
                if name in by_roles:
                    draws[name] = [value]
            exact = role_permutation_moments(R, party=party, union=union)
        for name in NETWORK_INDICES:
            obs = observed[name]
            row_method = method
            if no_louvain and name in ("modularity", "n_communities"):
                row_method = "skipped"
            row_null = "role_permutation" if name in by_roles else "curveball"
            if samples and row_method != "skipped":
                values = np.concatenate(draws[name]).astype(float)
                summary = _summarise(
                    obs,
                    values,
                    chains=chains,
                    independent=name in by_roles,
                    exact=exact.get(name),
                )
            else:
                summary = _summarise(obs, np.zeros(0))
                summary["null_sd"] = float("nan")
                summary["p_greater"] = summary["p_less"] = float("nan")
                summary["mcse_p"] = float("nan")
            p_value = _two_sided(summary, obs)
            records.append(
                {
                    "doc_id": doc,
                    "index": name,
                    "observed": obs,
                    "null_mean": summary["null_mean"],
                    "null_sd": summary["null_sd"],
                    "z": summary["z"],
                    "p_value": p_value,
                    "p_greater": summary["p_greater"] if np.isfinite(obs) else np.nan,
                    "p_less": summary["p_less"] if np.isfinite(obs) else np.nan,
                    "n_samples": summary["n_samples"],
                    "method": row_method,
                    "null": row_null,
                    "moments": "exact" if name in exact else "sampled",
                    "ratio": summary["ratio"],
                    "relative_effect": summary["relative_effect"],
                    "ess": summary["ess"],
                    "mcse_mean": summary["mcse_mean"],
                    "mcse_z": summary["mcse_z"],
                    # of the two-sided p = 2 × the smaller tail (NaN where p is)
                    "mcse_p": min(1.0, 2.0 * summary["mcse_p"]) if np.isfinite(p_value) else np.nan,
                }
            )
    return pd.DataFrame.from_records(records, columns=_NULL_COLUMNS)
