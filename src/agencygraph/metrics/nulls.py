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
from scipy.sparse.csgraph import connected_components

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
    _louvain,
    _masks,
    _projection_weights,
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


#: Curveball rounds before a chain's first sample in :func:`network_indices_with_null`.
NULL_BURN_IN: int = 200
#: Curveball rounds between two samples of one chain in :func:`network_indices_with_null`.
NULL_THIN: int = 20
#: Curveball chains run side by side in :func:`network_indices_with_null`.
NULL_CHAINS: int = 100
#: Chains per document when the null runs under the budget (``method == "reduced"``), on
#: the compiled sampler (:mod:`agencygraph._curveball`): each burns in for
#: :data:`NULL_BURN_IN` rounds, then gives a sample every :data:`NULL_REDUCED_THIN` rounds,
#: ``chains × NULL_BURN_IN + (n − chains) × NULL_REDUCED_THIN`` rounds in all.
NULL_REDUCED_CHAINS: int = 2
#: Rounds between two samples of one chain under the budget. The mixing check
#: (``benchmarks/mixing.py``, results in ``benchmarks/RESULTS.md``) finds the lag-t
#: autocorrelation of every index below 0.1 by lag 8 in 95 % of plans (lead statistics,
#: the slowest, 6–7 rounds at the median), and the chains' mean within 0.1 sd of its
#: stationary value after at most ~100 rounds, half of :data:`NULL_BURN_IN`.
NULL_REDUCED_THIN: int = 10
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
    unit, collectives
        The unit of analysis and collective actors (:mod:`agencygraph.units`):
        ``unit="row"`` (default, as coded) or ``"task"`` (rows of one task merged; needs
        ``measures``), ``collectives="keep"`` (default) or ``"drop"``.
        ``inherited="weight"`` is refused: this statistic counts each assignment
        as present or absent.

    Returns
    -------
    DataFrame
        Long and tidy: ``doc_id, index, observed, null_mean, null_sd, z,
        p_value, p_greater, p_less, n_samples, method``, sorted by ``doc_id``
        then index in the order of :data:`NETWORK_INDICES`. ``method`` is
        ``"full"``, ``"reduced"`` or (Louvain's rows only, past the
        Louvain budget) ``"skipped"`` (see Budget above).

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
    reduced_options = {
        "n_chains": NULL_REDUCED_CHAINS if n_chains is None else int(n_chains),
        "burn_in": chain_options["burn_in"],
        "thin": NULL_REDUCED_THIN if thin is None else int(thin),
    }
    # Past NULL_FULL_DOCS documents every null runs on the compiled sampler (a few ms per
    # document); small corpora keep the numpy chains, whose draws the tests pin down.
    compiled = len(mats) > settings.NULL_FULL_DOCS
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
        louvain_left = _louvain_draws(len(mats), samples)
        no_louvain = samples > 0 and louvain_left == 0
        rng = _doc_rng(seed, doc)
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
            found = [
                _louvain(_projection_weights(stack[i] != 0, projection), seeds[i])
                for i in range(louvain_left)
            ]
            draws["modularity"].append(np.array([q for q, _ in found], dtype=float))
            draws["n_communities"].append(np.array([c for _, c in found], dtype=float))
        for name in NETWORK_INDICES:
            obs = observed[name]
            row_method = method
            if no_louvain and name in ("modularity", "n_communities"):
                row_method = "skipped"
            if samples and row_method != "skipped":
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
                    "method": row_method,
                }
            )
    return pd.DataFrame.from_records(records, columns=_NULL_COLUMNS)
